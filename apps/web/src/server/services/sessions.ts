// Database sessions in the shape auth.js's drizzle adapter reads them. Used by the development
// sign-in and by tests that sign a user in by seeding a session (never through a form).
import { randomBytes } from "node:crypto";
import { sessions } from "@lockpick/db/schema";
import type { Db } from "~/server/db";

export const SESSION_COOKIE = "authjs.session-token";
/** Over HTTPS auth.js prefixes its cookies with __Secure-. */
export const SECURE_SESSION_COOKIE = `__Secure-${SESSION_COOKIE}`;

export async function createSession(db: Db, userId: string, maxAgeSeconds = 30 * 24 * 3600) {
  const sessionToken = randomBytes(32).toString("hex");
  const expires = new Date(Date.now() + maxAgeSeconds * 1000);
  await db.insert(sessions).values({ sessionToken, userId, expires });
  return { sessionToken, expires };
}
