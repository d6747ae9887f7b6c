import { and, asc, eq, gt, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import {
  lockedModels,
  results,
  runLogs,
  runs,
  submissions,
  taskInstances,
  type RunErrorKind,
} from "../schema/index";
import type { NewResult } from "../validators";

export type RunSpec = { lockedModelId: string; budget: number; seed: number };

/** Creates the runs of a submission; existing keys are left alone (idempotent expansion). */
export async function createRuns(db: Database, submissionId: string, specs: RunSpec[]) {
  if (specs.length > 0) {
    await db
      .insert(runs)
      .values(specs.map((s) => ({ ...s, submissionId })))
      .onConflictDoNothing();
  }
  return db
    .select()
    .from(runs)
    .where(eq(runs.submissionId, submissionId))
    .orderBy(asc(runs.queuedAt), asc(runs.id));
}

export async function getRun(db: Database, id: string) {
  const [row] = await db.select().from(runs).where(eq(runs.id, id));
  return row ?? null;
}

/** Runs of a submission with their model, task and result (for the submission page). */
export function listRuns(db: Database, submissionId: string) {
  return db
    .select({
      run: runs,
      modelName: lockedModels.name,
      modelVisibility: lockedModels.visibility,
      taskSlug: taskInstances.slug,
      result: results,
    })
    .from(runs)
    .innerJoin(lockedModels, eq(lockedModels.id, runs.lockedModelId))
    .innerJoin(taskInstances, eq(taskInstances.id, lockedModels.taskInstanceId))
    .leftJoin(results, eq(results.runId, runs.id))
    .where(eq(runs.submissionId, submissionId))
    .orderBy(asc(taskInstances.slug), asc(lockedModels.name), asc(runs.budget), asc(runs.seed));
}

export type ClaimOutcome =
  | { action: "run"; run: typeof runs.$inferSelect }
  | { action: "skip"; status: string }
  | { action: "errored" }
  | { action: "busy" };

/**
 * Takes a run for `runnerId`. Every claim counts as an attempt; a run that has been claimed
 * `maxAttempts` times without finishing has met that many infrastructure failures and is marked
 * errored instead of being tried again. Finished or cancelled runs are skipped; a running run
 * whose holder heartbeated within `staleSeconds` is busy.
 */
export async function claimRun(
  db: Database,
  runId: string,
  runnerId: string,
  maxAttempts: number,
  staleSeconds = 0,
): Promise<ClaimOutcome> {
  const stale = or(
    eq(runs.status, "queued"),
    and(
      eq(runs.status, "running"),
      or(
        isNull(runs.heartbeatAt),
        // `<=`: with staleSeconds = 0 every holder is stale, even one that heartbeated within the
        // same clock tick (PGlite's clock has millisecond resolution).
        lte(runs.heartbeatAt, sql`now() - make_interval(secs => ${staleSeconds})`),
      ),
    ),
  );
  const [claimed] = await db
    .update(runs)
    .set({
      status: "running",
      attempts: sql`${runs.attempts} + 1`,
      runnerId,
      heartbeatAt: sql`now()`,
      startedAt: sql`coalesce(${runs.startedAt}, now())`,
      phase: "starting",
      percent: 0,
    })
    .where(and(eq(runs.id, runId), stale, lt(runs.attempts, maxAttempts)))
    .returning();
  if (claimed) return { action: "run", run: claimed };
  const run = await getRun(db, runId);
  if (!run) return { action: "skip", status: "missing" };
  if (run.status !== "queued" && run.status !== "running") {
    return { action: "skip", status: run.status };
  }
  if (run.attempts < maxAttempts) return { action: "busy" };
  await markRunErrored(db, runId, `${run.attempts} attempts ended in infrastructure failures`);
  return { action: "errored" };
}

export async function markRunErrored(db: Database, runId: string, reason: string) {
  await db
    .update(runs)
    .set({ status: "errored", errorKind: "infra", failureReason: reason, finishedAt: sql`now()` })
    .where(and(eq(runs.id, runId), inArray(runs.status, ["queued", "running"])));
}

/**
 * An infrastructure failure that the runner noticed (its worker died, the store was unreachable):
 * the run goes back to the queue, or is marked errored once it has used its attempts.
 */
export async function releaseRunAfterInfraFailure(
  db: Database,
  runId: string,
  reason: string,
  maxAttempts: number,
) {
  const [row] = await db
    .update(runs)
    .set({
      status: sql`case when ${runs.attempts} >= ${maxAttempts} then 'errored'::run_status else 'queued'::run_status end`,
      errorKind: "infra",
      failureReason: reason,
      runnerId: null,
      finishedAt: sql`case when ${runs.attempts} >= ${maxAttempts} then now() else null end`,
    })
    .where(and(eq(runs.id, runId), eq(runs.status, "running")))
    .returning({ status: runs.status });
  return row?.status ?? null;
}

/** Graceful shutdown: gives a run back to the queue without counting the attempt as a failure. */
export async function releaseRun(db: Database, runId: string, runnerId: string) {
  const [row] = await db
    .update(runs)
    .set({
      status: "queued",
      attempts: sql`greatest(${runs.attempts} - 1, 0)`,
      runnerId: null,
      heartbeatAt: null,
      phase: "released",
    })
    .where(and(eq(runs.id, runId), eq(runs.runnerId, runnerId), eq(runs.status, "running")))
    .returning({ id: runs.id });
  return Boolean(row);
}

export type Progress = { phase?: string; percent?: number; etaSeconds?: number | null };

/**
 * Refreshes the lease and stores progress. Returns false when the run is no longer this runner's
 * (cancelled, finished elsewhere, or reclaimed after a lost lease): the caller stops working on it.
 */
export async function heartbeatRun(
  db: Database,
  runId: string,
  runnerId: string,
  progress: Progress = {},
) {
  const [row] = await db
    .update(runs)
    .set({
      heartbeatAt: sql`now()`,
      ...(progress.phase !== undefined && { phase: progress.phase }),
      ...(progress.percent !== undefined && { percent: progress.percent }),
      ...(progress.etaSeconds !== undefined && { etaSeconds: progress.etaSeconds }),
    })
    .where(and(eq(runs.id, runId), eq(runs.runnerId, runnerId), eq(runs.status, "running")))
    .returning({ id: runs.id });
  return Boolean(row);
}

/** A plugin, budget or timeout failure: final, with its reason (failure is data). */
export async function failRun(db: Database, runId: string, kind: RunErrorKind, reason: string) {
  const [row] = await db
    .update(runs)
    .set({ status: "failed", errorKind: kind, failureReason: reason, finishedAt: sql`now()` })
    .where(and(eq(runs.id, runId), eq(runs.status, "running")))
    .returning({ id: runs.id });
  return Boolean(row);
}

/**
 * Writes a run's result exactly once. The run must still be running (not cancelled, not finished
 * by another runner that held an expired lease); the unique run id on `results` backs this up.
 * Returns whether this call wrote it.
 */
export async function recordResult(
  db: Database,
  result: Omit<NewResult, "id" | "createdAt">,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [run] = await tx
      .update(runs)
      .set({
        status: "succeeded",
        phase: "done",
        percent: 100,
        etaSeconds: 0,
        finishedAt: sql`now()`,
      })
      .where(and(eq(runs.id, result.runId), eq(runs.status, "running")))
      .returning({ id: runs.id });
    if (!run) return false;
    const inserted = await tx
      .insert(results)
      .values(result)
      .onConflictDoNothing({ target: results.runId })
      .returning({ id: results.id });
    return inserted.length === 1;
  });
}

export async function getResult(db: Database, runId: string) {
  const [row] = await db.select().from(results).where(eq(results.runId, runId));
  return row ?? null;
}

export type LogLine = { level?: "info" | "warn" | "error"; line: string };

export async function appendRunLogs(
  db: Database,
  runId: string,
  attempt: number,
  lines: LogLine[],
) {
  if (lines.length === 0) return;
  await db
    .insert(runLogs)
    .values(lines.map((l) => ({ runId, attempt, level: l.level, line: l.line })));
}

/** Log lines after `afterId` (for live tailing). */
export function listRunLogs(db: Database, runId: string, afterId = 0, limit = 500) {
  return db
    .select()
    .from(runLogs)
    .where(and(eq(runLogs.runId, runId), gt(runLogs.id, afterId)))
    .orderBy(asc(runLogs.id))
    .limit(limit);
}

/** Admin re-run: puts a finished, failed or errored run back in the queue (its result removed). */
export async function requeueRun(db: Database, runId: string) {
  return db.transaction(async (tx) => {
    await tx.delete(results).where(eq(results.runId, runId));
    const [row] = await tx
      .update(runs)
      .set({
        status: "queued",
        attempts: 0,
        errorKind: null,
        failureReason: null,
        phase: null,
        percent: null,
        etaSeconds: null,
        runnerId: null,
        startedAt: null,
        finishedAt: null,
        queuedAt: sql`now()`,
      })
      .where(eq(runs.id, runId))
      .returning();
    return row ?? null;
  });
}

/** Everything the run handler needs, including the model's password (runner only). */
export async function loadRunContext(db: Database, runId: string) {
  const [row] = await db
    .select({ run: runs, submission: submissions, model: lockedModels, task: taskInstances })
    .from(runs)
    .innerJoin(submissions, eq(submissions.id, runs.submissionId))
    .innerJoin(lockedModels, eq(lockedModels.id, runs.lockedModelId))
    .innerJoin(taskInstances, eq(taskInstances.id, lockedModels.taskInstanceId))
    .where(eq(runs.id, runId));
  return row ?? null;
}

/** Run counts by status (admin runner-health page). */
export function runCounts(db: Database) {
  return db
    .select({ status: runs.status, n: sql<number>`count(*)::int` })
    .from(runs)
    .groupBy(runs.status);
}
