// tRPC set-up: the context, and the three kinds of procedure. Every procedure is built from
// exactly one of `publicProcedure`, `protectedProcedure` or `adminProcedure`; `meta.access`
// records which, so tests can walk the router and check each one.
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import type { SessionUser } from "~/auth/roles";
import type { Db } from "./db";

export type Access = "public" | "signed-in" | "admin";

export type Context = {
  db: Db;
  user: SessionUser | null;
  /** Client address for rate limits and logs (may be "unknown"). */
  ip: string;
};

export function createTRPCContext(opts: Context): Context {
  return opts;
}

const t = initTRPC
  .context<Context>()
  .meta<{ access: Access }>()
  .create({
    transformer: superjson,
    errorFormatter: ({ shape, error }) => ({
      ...shape,
      data: {
        ...shape.data,
        zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
      },
    }),
  });

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

export const publicProcedure = t.procedure.meta({ access: "public" });

/** Signed-in users only; narrows `ctx.user` to non-null. */
export const protectedProcedure = t.procedure.meta({ access: "signed-in" }).use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** Admins only. */
export const adminProcedure = t.procedure.meta({ access: "admin" }).use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
  if (ctx.user.role !== "admin") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Admins only." });
  }
  return next({ ctx: { ...ctx, user: ctx.user } });
});
