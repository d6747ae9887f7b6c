import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../client";
import {
  lockedModels,
  results,
  runs,
  submissions,
  taskInstances,
  users,
  type ModelVisibility,
} from "../schema/index";

export type LeaderboardFilters = {
  track?: string;
  /** Task instance slugs; all published tasks when absent. */
  tasks?: string[];
  visibility?: ModelVisibility;
  includeHidden?: boolean;
};

/**
 * One row per (method, task, model visibility, budget): recovery mean and standard error over
 * the seeds (and models) of that cell, from succeeded runs. The web aggregates across tasks.
 */
export async function leaderboardRows(db: Database, filters: LeaderboardFilters = {}) {
  const n = sql<number>`count(*)::int`;
  const mean = sql<number>`avg(${results.recovery})::float8`;
  const sd = sql<number | null>`stddev_samp(${results.recovery})::float8`;
  const rows = await db
    .select({
      submissionId: submissions.id,
      method: submissions.name,
      track: submissions.track,
      builtin: submissions.builtin,
      authorName: users.name,
      taskSlug: taskInstances.slug,
      visibility: lockedModels.visibility,
      budget: runs.budget,
      n,
      recoveryMean: mean,
      recoverySd: sd,
      correctnessMean: sql<number>`avg(${results.correctness})::float8`,
    })
    .from(results)
    .innerJoin(runs, eq(runs.id, results.runId))
    .innerJoin(submissions, eq(submissions.id, runs.submissionId))
    .innerJoin(lockedModels, eq(lockedModels.id, runs.lockedModelId))
    .innerJoin(taskInstances, eq(taskInstances.id, lockedModels.taskInstanceId))
    .leftJoin(users, eq(users.id, submissions.authorId))
    .where(
      and(
        eq(runs.status, "succeeded"),
        filters.includeHidden ? undefined : eq(submissions.hidden, false),
        filters.track ? eq(submissions.track, filters.track) : undefined,
        filters.tasks?.length ? inArray(taskInstances.slug, filters.tasks) : undefined,
        filters.visibility ? eq(lockedModels.visibility, filters.visibility) : undefined,
      ),
    )
    .groupBy(submissions.id, users.name, taskInstances.slug, lockedModels.visibility, runs.budget)
    .orderBy(asc(submissions.name), asc(taskInstances.slug), asc(runs.budget));
  return rows.map((r) => ({
    ...r,
    recoveryStderr: r.recoverySd === null ? null : r.recoverySd / Math.sqrt(r.n),
  }));
}
