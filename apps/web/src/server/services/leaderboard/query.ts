// Reads every finished, visible run result the leaderboard aggregates, in one query.
import { and, eq, sql } from "drizzle-orm";
import {
  lockedModels,
  results,
  runs,
  submissions,
  taskInstances,
  users,
} from "@lockpick/db/schema";
import type { Db } from "~/server/db";
import type { ResultRow } from "./aggregate";

export async function loadResultRows(db: Db): Promise<ResultRow[]> {
  const rows = await db
    .select({
      submissionId: submissions.id,
      method: submissions.name,
      author: users.name,
      builtin: submissions.builtin,
      track: submissions.track,
      task: taskInstances.slug,
      modelVisibility: lockedModels.visibility,
      budget: runs.budget,
      seed: runs.seed,
      recovery: results.recovery,
    })
    .from(results)
    .innerJoin(runs, eq(results.runId, runs.id))
    .innerJoin(submissions, eq(runs.submissionId, submissions.id))
    .innerJoin(lockedModels, eq(runs.lockedModelId, lockedModels.id))
    .innerJoin(taskInstances, eq(lockedModels.taskInstanceId, taskInstances.id))
    .leftJoin(users, eq(submissions.authorId, users.id))
    .where(
      and(
        eq(submissions.hidden, false),
        eq(runs.status, "succeeded"),
        eq(taskInstances.status, "published"),
      ),
    );
  return rows;
}

/**
 * A cheap fingerprint of everything the leaderboard depends on: when it is unchanged the cached
 * aggregation is still right.
 */
export async function dataVersion(db: Db): Promise<string> {
  const rows = await db.execute<{ v: string }>(sql`
    select concat_ws('/',
      (select count(*) from ${results}), (select max(${results.createdAt}) from ${results}),
      (select max(${submissions.updatedAt}) from ${submissions}),
      (select max(${taskInstances.updatedAt}) from ${taskInstances})) as v`);
  const list = Array.isArray(rows) ? rows : (rows as { rows: { v: string }[] }).rows;
  return String(list[0]?.v ?? "");
}
