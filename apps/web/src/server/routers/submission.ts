import type { TRPCRouterRecord } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import {
  cancelOwnSubmission,
  getRunLogs,
  getSubmissionView,
  listUserSubmissions,
  NotAllowedError,
} from "../services/submissions";
import {
  checkOnly,
  submitInput,
  submitPlugin,
  SubmitRefusal,
} from "../services/submit/submit-plugin";
import { protectedProcedure, publicProcedure } from "../trpc";

async function refusals<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof SubmitRefusal)
      throw new TRPCError({ code: error.code, message: error.message });
    if (error instanceof NotAllowedError)
      throw new TRPCError({ code: "FORBIDDEN", message: error.message });
    throw error;
  }
}

export const submissionRouter = {
  byId: publicProcedure
    .input(z.object({ id: z.string() }))
    .query(({ ctx, input }) => getSubmissionView(ctx.db, input.id, ctx.user)),
  logs: publicProcedure
    .input(
      z.object({ id: z.string(), runId: z.string(), afterId: z.number().int().min(0).default(0) }),
    )
    .query(({ ctx, input }) => getRunLogs(ctx.db, input.id, input.runId, ctx.user, input.afterId)),
  mine: protectedProcedure.query(({ ctx }) => listUserSubmissions(ctx.db, ctx.user.id)),
  check: protectedProcedure
    .input(z.object({ source: z.string().min(1) }))
    .mutation(({ ctx, input }) => refusals(checkOnly(ctx.db, ctx.user, input.source))),
  create: protectedProcedure
    .input(submitInput)
    .mutation(({ ctx, input }) => refusals(submitPlugin(ctx.db, ctx.user, input))),
  cancel: protectedProcedure
    .input(z.object({ id: z.string().uuid() }))
    .mutation(({ ctx, input }) => refusals(cancelOwnSubmission(ctx.db, input.id, ctx.user))),
} satisfies TRPCRouterRecord;
