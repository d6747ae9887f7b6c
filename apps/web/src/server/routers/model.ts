import type { TRPCRouterRecord } from "@trpc/server";
import { listModelCatalog } from "../services/catalog/models";
import { publicProcedure } from "../trpc";

export const modelRouter = {
  catalog: publicProcedure.query(({ ctx }) => listModelCatalog(ctx.db)),
} satisfies TRPCRouterRecord;
