import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { runners, usageCounters } from "../schema/index";

/**
 * Counts one use in a fixed window and says whether it was within `limit` (atomic: concurrent
 * requests cannot both take the last unit).
 */
export async function consumeQuota(
  db: Database,
  input: { userId: string; bucket: string; window: Date; limit: number },
) {
  if (input.limit <= 0) return false;
  const rows = await db
    .insert(usageCounters)
    .values({ userId: input.userId, bucket: input.bucket, window: input.window, count: 1 })
    .onConflictDoUpdate({
      target: [usageCounters.userId, usageCounters.bucket, usageCounters.window],
      set: { count: sql`${usageCounters.count} + 1` },
      setWhere: sql`${usageCounters.count} < ${input.limit}`,
    })
    .returning({ count: usageCounters.count });
  return rows.length === 1;
}

/** Gives a unit back (a cancelled run or an infrastructure failure does not count). */
export async function refundQuota(
  db: Database,
  input: { userId: string; bucket: string; window: Date },
) {
  await db
    .update(usageCounters)
    .set({ count: sql`greatest(${usageCounters.count} - 1, 0)` })
    .where(
      and(
        eq(usageCounters.userId, input.userId),
        eq(usageCounters.bucket, input.bucket),
        eq(usageCounters.window, input.window),
      ),
    );
}

export async function quotaUsed(
  db: Database,
  input: { userId: string; bucket: string; window: Date },
) {
  const [row] = await db
    .select({ count: usageCounters.count })
    .from(usageCounters)
    .where(
      and(
        eq(usageCounters.userId, input.userId),
        eq(usageCounters.bucket, input.bucket),
        eq(usageCounters.window, input.window),
      ),
    );
  return row?.count ?? 0;
}

export type RunnerBeat = {
  id: string;
  host: string;
  pid: number;
  concurrency: number;
  active: number;
  completed: number;
  failed: number;
};

export async function runnerHeartbeat(db: Database, beat: RunnerBeat) {
  const { id: _id, ...set } = beat;
  await db
    .insert(runners)
    .values(beat)
    .onConflictDoUpdate({ target: runners.id, set: { ...set, heartbeatAt: sql`now()` } });
}

export async function runnerStopped(db: Database, id: string) {
  await db
    .update(runners)
    .set({ stoppedAt: sql`now()`, active: 0 })
    .where(eq(runners.id, id));
}

/** Runners with a `live` flag: not stopped and heard from within the last `staleSeconds`. */
export function listRunners(db: Database, staleSeconds = 60) {
  return db
    .select({
      id: runners.id,
      host: runners.host,
      pid: runners.pid,
      concurrency: runners.concurrency,
      active: runners.active,
      completed: runners.completed,
      failed: runners.failed,
      startedAt: runners.startedAt,
      heartbeatAt: runners.heartbeatAt,
      stoppedAt: runners.stoppedAt,
      live: sql<boolean>`${runners.stoppedAt} is null and ${runners.heartbeatAt} > now() - make_interval(secs => ${staleSeconds})`,
    })
    .from(runners)
    .orderBy(asc(runners.startedAt));
}
