// Submission pages: what a viewer may see of a submission and its runs. Hidden submissions are
// visible to their author and admins only; private source only to them as well.
import {
  cancelSubmission,
  getSubmission,
  listRunLogs,
  listRuns,
  listSubmissions,
} from "@lockpick/db/queries";
import type { SessionUser } from "~/auth/roles";
import type { Db } from "~/server/db";
import { stat } from "./leaderboard/aggregate";
import { dryRunConfigNote } from "./submit/dry-run-record";

export class NotAllowedError extends Error {}

function canSeePrivate(viewer: SessionUser | null, authorId: string | null) {
  return Boolean(viewer && (viewer.role === "admin" || (authorId && viewer.id === authorId)));
}

export async function getSubmissionView(db: Db, id: string, viewer: SessionUser | null) {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const found = await getSubmission(db, id);
  if (!found) return null;
  const s = found.submission;
  const privileged = canSeePrivate(viewer, s.authorId);
  if (s.hidden && !privileged) return null;
  const runs = await listRuns(db, id);
  const byBudget = new Map<number, number[]>();
  for (const r of runs) {
    if (r.result && r.modelVisibility === "private") {
      byBudget.set(r.run.budget, [...(byBudget.get(r.run.budget) ?? []), r.result.recovery]);
    }
  }
  const finished = runs.filter((r) => !["queued", "running"].includes(r.run.status)).length;
  const running = runs.filter((r) => r.run.status === "running");
  const etaSeconds = running.reduce((a, r) => Math.max(a, r.run.etaSeconds ?? 0), 0) || null;
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    track: s.track,
    status: s.status,
    error: s.error,
    builtin: s.builtin,
    hidden: s.hidden,
    visibility: s.visibility,
    author: found.authorName,
    isAuthor: Boolean(viewer && s.authorId === viewer.id),
    canCancel:
      Boolean(viewer && s.authorId === viewer.id) &&
      ["pending", "queued", "running"].includes(s.status),
    source: s.visibility === "public" || privileged ? s.source : null,
    bundleSha256: s.bundleSha256,
    // The dry run it passed; its error names lines and functions of the source, so private
    // source keeps it to the author and admins.
    dryRun: s.dryRun && {
      ...s.dryRun,
      /** The lock's task config where it is not the task's default ("lines 1"), else "". */
      configNote: dryRunConfigNote(s.dryRun),
      error: s.visibility === "public" || privileged ? s.dryRun.error : null,
    },
    createdAt: s.createdAt,
    progress: {
      total: runs.length,
      finished,
      percent: runs.length
        ? (100 * (finished + running.reduce((a, r) => a + (r.run.percent ?? 0) / 100, 0))) /
          runs.length
        : 0,
      phase: running[0]?.run.phase ?? null,
      etaSeconds,
    },
    budgets: [...byBudget.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([budget, v]) => ({ budget, ...stat(v) })),
    runs: runs.map((r) => ({
      id: r.run.id,
      task: r.taskSlug,
      model: r.modelName,
      modelVisibility: r.modelVisibility,
      budget: r.run.budget,
      seed: r.run.seed,
      status: r.run.status,
      phase: r.run.phase,
      percent: r.run.percent,
      etaSeconds: r.run.etaSeconds,
      errorKind: r.run.errorKind,
      failureReason: r.run.failureReason,
      correctness: r.result?.correctness ?? null,
      recovery: r.result?.recovery ?? null,
      curves: r.result?.curves ?? null,
      spentBudget: r.result?.spentBudget ?? null,
      reproducibility: r.result?.reproducibility ?? null,
    })),
  };
}

export type SubmissionView = NonNullable<Awaited<ReturnType<typeof getSubmissionView>>>;

/** Log lines of one run, for viewers who may see the submission. */
export async function getRunLogs(
  db: Db,
  submissionId: string,
  runId: string,
  viewer: SessionUser | null,
  afterId = 0,
) {
  const view = await getSubmissionView(db, submissionId, viewer);
  if (!view || !view.runs.some((r) => r.id === runId)) return null;
  const lines = await listRunLogs(db, runId, afterId, 500);
  return lines.map((l) => ({
    id: l.id,
    level: l.level,
    line: l.line,
    at: l.at,
    attempt: l.attempt,
  }));
}

export function listUserSubmissions(db: Db, userId: string) {
  return listSubmissions(db, { authorId: userId, includeHidden: true, limit: 100 });
}

/** The author cancels their own unfinished submission; its runs stop at their next heartbeat. */
export async function cancelOwnSubmission(db: Db, id: string, user: SessionUser) {
  const found = await getSubmission(db, id);
  if (!found || found.submission.authorId !== user.id)
    throw new NotAllowedError("Not your submission.");
  if (!["pending", "queued", "running"].includes(found.submission.status)) {
    throw new NotAllowedError(`A ${found.submission.status} submission cannot be cancelled.`);
  }
  const runIds = await cancelSubmission(db, id);
  return { cancelledRuns: runIds.length };
}
