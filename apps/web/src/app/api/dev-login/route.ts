// Development sign-in: creates (or finds) a user by name and signs them in with a database
// session. Only when AUTH_DEV_LOGIN=1 and never in production.
import { ensureUser } from "@lockpick/db/queries";
import { z } from "zod";
import { devLoginEnabled } from "~/env";
import { getDb } from "~/server/db";
import { isSameOrigin } from "~/server/same-origin";
import { createSession, SECURE_SESSION_COOKIE, SESSION_COOKIE } from "~/server/services/sessions";

const form = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[\w .-]+$/),
  admin: z.literal("on").optional(),
});

export async function POST(request: Request) {
  if (!devLoginEnabled) return new Response("Development sign-in is disabled", { status: 404 });
  if (!isSameOrigin(request)) return new Response("Cross-site request refused", { status: 403 });
  const parsed = form.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return new Response("Invalid name", { status: 400 });
  const db = await getDb();
  const slug = parsed.data.name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const user = await ensureUser(db, {
    email: `${slug}@dev.lockpick.local`,
    name: parsed.data.name,
    role: parsed.data.admin ? "admin" : "researcher",
  });
  const { sessionToken, expires } = await createSession(db, user.id);
  const secure = new URL(request.url).protocol === "https:";
  const cookie = [
    `${secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE}=${sessionToken}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Expires=${expires.toUTCString()}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
  return new Response(null, { status: 303, headers: { location: "/", "set-cookie": cookie } });
}
