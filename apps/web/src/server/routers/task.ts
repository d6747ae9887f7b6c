import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { getTaskDetail, listPublishedTasks } from "../services/catalog/tasks";
import { publicProcedure } from "../trpc";

export const taskRouter = {
  list: publicProcedure.query(({ ctx }) => listPublishedTasks(ctx.db)),
  bySlug: publicProcedure
    .input(z.object({ slug: z.string().max(128) }))
    .query(({ ctx, input }) => getTaskDetail(ctx.db, input.slug)),
} satisfies TRPCRouterRecord;
