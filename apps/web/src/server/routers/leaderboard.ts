import type { TRPCRouterRecord } from "@trpc/server";
import { getLeaderboard } from "../services/leaderboard";
import { leaderboardQuery } from "../services/leaderboard/params";
import { publicProcedure } from "../trpc";

export const leaderboardRouter = {
  get: publicProcedure
    .input(leaderboardQuery)
    .query(({ ctx, input }) => getLeaderboard(ctx.db, input)),
} satisfies TRPCRouterRecord;
