// The auth.js instance. `auth()` reads the session cookie and returns the session or null.
import NextAuth from "next-auth";
import { cache } from "react";
import { authConfig } from "./config";
import { getDb } from "~/server/db";
import type { SessionUser } from "./roles";

const instance = NextAuth(async () => authConfig(await getDb()));

export const { handlers, signIn, signOut } = instance;

/** The signed-in user or null, computed once per request. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await instance.auth();
  const user = session?.user as Partial<SessionUser> | undefined;
  if (!user?.id) return null;
  return {
    id: user.id,
    name: user.name ?? null,
    email: user.email ?? null,
    role: user.role === "admin" ? "admin" : "researcher",
  };
});
