import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../client";
import { runs, submissions, users, type SubmissionStatus } from "../schema/index";
import type { NewSubmission } from "../validators";

export async function createSubmission(db: Database, input: NewSubmission) {
  const [row] = await db.insert(submissions).values(input).returning();
  return row!;
}

/** Built-in baselines are registered once per (name, track, bundle hash). */
export async function ensureBuiltinSubmission(db: Database, input: NewSubmission) {
  const [existing] = await db
    .select()
    .from(submissions)
    .where(
      and(
        eq(submissions.builtin, true),
        eq(submissions.name, input.name),
        eq(submissions.track, input.track),
        eq(submissions.bundleSha256, input.bundleSha256),
      ),
    );
  if (existing) return { submission: existing, created: false };
  return { submission: await createSubmission(db, { ...input, builtin: true }), created: true };
}

export async function getSubmission(db: Database, id: string) {
  const [row] = await db
    .select({ submission: submissions, authorName: users.name, authorEmail: users.email })
    .from(submissions)
    .leftJoin(users, eq(users.id, submissions.authorId))
    .where(eq(submissions.id, id));
  return row ?? null;
}

export function listSubmissions(
  db: Database,
  filter: { authorId?: string; includeHidden?: boolean; limit?: number } = {},
) {
  return db
    .select({
      id: submissions.id,
      name: submissions.name,
      track: submissions.track,
      status: submissions.status,
      visibility: submissions.visibility,
      builtin: submissions.builtin,
      hidden: submissions.hidden,
      authorId: submissions.authorId,
      authorName: users.name,
      createdAt: submissions.createdAt,
    })
    .from(submissions)
    .leftJoin(users, eq(users.id, submissions.authorId))
    .where(
      and(
        filter.authorId ? eq(submissions.authorId, filter.authorId) : undefined,
        filter.includeHidden ? undefined : eq(submissions.hidden, false),
      ),
    )
    .orderBy(desc(submissions.createdAt))
    .limit(filter.limit ?? 200);
}

export async function setSubmissionStatus(
  db: Database,
  id: string,
  status: SubmissionStatus,
  error?: string,
) {
  const [row] = await db
    .update(submissions)
    .set({ status, error: error ?? null, updatedAt: sql`now()` })
    .where(eq(submissions.id, id))
    .returning();
  return row ?? null;
}

export async function setSubmissionHidden(db: Database, id: string, hidden: boolean) {
  await db
    .update(submissions)
    .set({ hidden, updatedAt: sql`now()` })
    .where(eq(submissions.id, id));
}

/**
 * Cancels a submission and its runs that have not finished. Running runs see the cancellation at
 * their next heartbeat. Returns the ids of the runs cancelled (so their jobs can be cancelled).
 */
export async function cancelSubmission(db: Database, id: string) {
  return db.transaction(async (tx) => {
    await tx
      .update(submissions)
      .set({ status: "cancelled", cancelledAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(submissions.id, id));
    const cancelled = await tx
      .update(runs)
      .set({ status: "cancelled", finishedAt: sql`now()` })
      .where(and(eq(runs.submissionId, id), inArray(runs.status, ["queued", "running"])))
      .returning({ id: runs.id });
    return cancelled.map((r) => r.id);
  });
}

/** Derives a submission's status from its runs once they are all finished. */
export async function refreshSubmissionStatus(db: Database, id: string) {
  const counts = await db
    .select({ status: runs.status, n: sql<number>`count(*)::int` })
    .from(runs)
    .where(eq(runs.submissionId, id))
    .groupBy(runs.status);
  const n = (s: string) => counts.find((c) => c.status === s)?.n ?? 0;
  const open = n("queued") + n("running");
  if (counts.length === 0) return null;
  const next: SubmissionStatus =
    open > 0
      ? n("running") > 0
        ? "running"
        : "queued"
      : n("succeeded") > 0
        ? "completed"
        : "failed";
  const [row] = await db
    .update(submissions)
    .set({ status: next, updatedAt: sql`now()` })
    .where(and(eq(submissions.id, id), sql`${submissions.status} <> 'cancelled'`))
    .returning({ status: submissions.status });
  return row?.status ?? "cancelled";
}
