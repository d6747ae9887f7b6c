// What the leaderboard is computed from: one row per succeeded run of a visible submission on a
// published locked model of a published task, with that model's acceptance verdict. The web
// aggregates these rows (per budget, per track, ties) and caches them; the arithmetic stays out
// of SQL so it is one piece of code, tested on hand-made rows.
import { and, eq, sql } from "drizzle-orm";
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

/** One finished run, as the leaderboard needs it. */
export type LeaderboardRun = {
  submissionId: string;
  method: string;
  author: string | null;
  builtin: boolean;
  track: string;
  /** Task instance slug. */
  task: string;
  modelVisibility: ModelVisibility;
  lockedModelId: string;
  /**
   * The `acceptance` field of the model's lock report (`{ accepted, reasons }`), as stored, or
   * null without one. The web decides with its `lockAcceptance` rule (no verdict: not accepted).
   * Rows of one model share one object.
   */
  lockAcceptance: unknown;
  budget: number;
  seed: number;
  recovery: number;
};

export async function leaderboardRuns(db: Database): Promise<LeaderboardRun[]> {
  const [rows, models] = await Promise.all([runRows(db), publishedAcceptance(db)]);
  const verdicts = new Map(models.map((m) => [m.id, m.acceptance ?? null]));
  return rows.map((r) =>
    Object.assign(r, { lockAcceptance: verdicts.get(r.lockedModelId) ?? null }),
  );
}

function runRows(db: Database) {
  return db
    .select({
      submissionId: submissions.id,
      method: submissions.name,
      author: users.name,
      builtin: submissions.builtin,
      track: submissions.track,
      task: taskInstances.slug,
      modelVisibility: lockedModels.visibility,
      lockedModelId: lockedModels.id,
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
        eq(lockedModels.status, "published"),
        eq(taskInstances.status, "published"),
      ),
    );
}

/** The acceptance verdict of each published model, read once (not once per run row). */
function publishedAcceptance(db: Database) {
  return db
    .select({
      id: lockedModels.id,
      acceptance: sql<unknown>`${lockedModels.lockReport} -> 'acceptance'`,
    })
    .from(lockedModels)
    .where(eq(lockedModels.status, "published"));
}

/**
 * A cheap fingerprint of everything `leaderboardRuns` depends on (result count, newest result,
 * newest submission and task change, and which models are published with which acceptance
 * verdict): while it is unchanged, cached rows are still right.
 */
export async function leaderboardVersion(db: Database): Promise<string> {
  const out = await db.execute<{ v: string }>(sql`
    select concat_ws('/',
      (select count(*) from ${results}), (select max(${results.createdAt}) from ${results}),
      (select max(${submissions.updatedAt}) from ${submissions}),
      (select max(${taskInstances.updatedAt}) from ${taskInstances}),
      (select md5(coalesce(string_agg(${lockedModels.id}::text || ':' ||
          coalesce((${lockedModels.lockReport} -> 'acceptance')::text, ''), ',' order by ${lockedModels.id}), ''))
        from ${lockedModels} where ${lockedModels.status} = 'published')) as v`);
  // postgres.js returns the rows; PGlite and node-postgres a result object holding them.
  const rows = Array.isArray(out) ? out : (out as unknown as { rows: { v: string }[] }).rows;
  return String(rows[0]?.v ?? "");
}
