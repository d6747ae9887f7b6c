// Per-user daily quota and per-minute rate limit for submissions. The daily count is derived
// from the submissions themselves, so cancelled submissions and those that failed only through
// infrastructure errors stop counting without any bookkeeping.
import { consumeQuota } from "@lockpick/db/queries";
import { runs, submissions } from "@lockpick/db/schema";
import { and, eq, gte, ne, sql } from "drizzle-orm";
import type { Db } from "~/server/db";

export function startOfUtcDay(now = new Date()) {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export async function countedSubmissionsToday(db: Db, userId: string, now = new Date()) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(submissions)
    .where(
      and(
        eq(submissions.authorId, userId),
        gte(submissions.createdAt, startOfUtcDay(now)),
        ne(submissions.status, "cancelled"),
        // A failed submission counts only if some run failed for a reason of its own.
        sql`not (${submissions.status} = 'failed' and not exists (
          select 1 from ${runs} where ${runs.submissionId} = ${submissions.id}
          and (${runs.status} = 'succeeded' or ${runs.errorKind} in ('plugin', 'budget', 'timeout'))))`,
      ),
    );
  return row?.n ?? 0;
}

/** Counts one attempt in the current minute; false when the user is over the limit. */
export function takeRateLimit(db: Db, userId: string, perMinute: number, now = new Date()) {
  const window = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  return consumeQuota(db, { userId, bucket: "submit-attempts", window, limit: perMinute });
}
