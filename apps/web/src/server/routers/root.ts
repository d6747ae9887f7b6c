import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { createTRPCRouter } from "../trpc";
import { adminRouter } from "./admin";
import { leaderboardRouter } from "./leaderboard";
import { modelRouter } from "./model";
import { submissionRouter } from "./submission";
import { taskRouter } from "./task";

export const appRouter = createTRPCRouter({
  admin: adminRouter,
  leaderboard: leaderboardRouter,
  model: modelRouter,
  submission: submissionRouter,
  task: taskRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
