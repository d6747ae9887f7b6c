import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { currentUser } from "~/auth";
import { getDb } from "~/server/db";
import { appRouter } from "~/server/routers/root";
import { isSameOrigin } from "~/server/same-origin";
import { createTRPCContext } from "~/server/trpc";
import { clientIp } from "~/server/client-ip";

async function handler(request: Request) {
  if (request.method !== "GET" && !isSameOrigin(request)) {
    return new Response("Cross-site request refused", { status: 403 });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: async () =>
      createTRPCContext({
        db: await getDb(),
        user: await currentUser(),
        ip: clientIp(request.headers),
      }),
    // tRPC answers mutations only to POST; GET queries change nothing.
    allowMethodOverride: false,
  });
}

export { handler as GET, handler as POST };
