import "server-only";
// Server components call procedures directly through a caller with the request's user.
import { headers } from "next/headers";
import { cache } from "react";
import { currentUser } from "~/auth";
import { clientIp } from "~/server/client-ip";
import { getDb } from "~/server/db";
import { appRouter } from "~/server/routers/root";
import { createCallerFactory, createTRPCContext } from "~/server/trpc";

export const api = cache(async () => {
  const context = createTRPCContext({
    db: await getDb(),
    user: await currentUser(),
    ip: clientIp(await headers()),
  });
  return createCallerFactory(appRouter)(context);
});
