// auth.js configuration: database sessions through the drizzle adapter over @lockpick/db's
// tables, GitHub OAuth when configured. The development sign-in is a route of its own
// (src/app/api/dev-login/route.ts) that writes a session row the same way the adapter does.
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { accounts, sessions, users, verificationTokens } from "@lockpick/db/schema";
import type { NextAuthConfig } from "next-auth";
import GitHub from "next-auth/providers/github";
import { authSecret, env } from "~/env";
import type { Db } from "~/server/db";
import type { Role } from "./roles";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export function authConfig(db: Db): NextAuthConfig {
  const providers = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    providers.push(
      GitHub({
        clientId: env.AUTH_GITHUB_ID,
        clientSecret: env.AUTH_GITHUB_SECRET,
        // auth.js defaults to PKCE only; a state parameter too (checked against its cookie on
        // the callback) also ties the callback to the browser that started the sign-in.
        checks: ["pkce", "state"],
      }),
    );
  }
  return {
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    providers,
    secret: authSecret,
    trustHost: env.AUTH_TRUST_HOST || env.NODE_ENV !== "production",
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin" },
    callbacks: {
      session({ session, user }) {
        const role = (user as { role?: Role }).role ?? "researcher";
        return { ...session, user: { ...session.user, id: user.id, role } };
      },
    },
  } satisfies NextAuthConfig;
}
