// What a submission stores of its dry run (`submissions.dry_run`, shown on its page): the
// runner's verdict in the shape the database keeps — what ran (task, lock, budget, seconds) and
// how it ended (status and correctness, or the error with its stack in the author's source).
// The lock is named with its task config when that is not the task's default, as the
// reproduction report and `lockpick run` name it (`ft-default (lines 1)`).
import type { SubmissionDryRun } from "@lockpick/db/schema";
import { taskConfigNote } from "@lockpick/tasks";
import type { DryRunOutcome } from "~/server/queue";

/** Stored errors are the harness's (already clipped); this only bounds the column. */
const MAX_ERROR = 20_000;

export function dryRunRecord(outcome: DryRunOutcome, at = new Date()): SubmissionDryRun {
  // An infrastructure failure never ran: no model, budget or time to report.
  const ran = outcome.ok || outcome.kind !== "infra" ? outcome : null;
  const error = outcome.ok ? (outcome.stoppedBy ?? null) : outcome.reason;
  return {
    ok: outcome.ok,
    outcome: outcome.ok ? outcome.status : outcome.kind,
    task: ran?.model?.task ?? null,
    lock: ran?.model?.lock ?? null,
    taskConfig: ran?.model?.taskConfig ?? null,
    budget: ran?.budget ?? null,
    seconds: ran?.seconds ?? null,
    correctness: outcome.ok ? (outcome.correctness ?? null) : null,
    problems: outcome.ok ? (outcome.problems ?? null) : null,
    error: error === null ? null : error.slice(0, MAX_ERROR),
    at: at.toISOString(),
  };
}

/**
 * What the dry run's lock's task config changes from the task's default, in the words of its task
 * instance ("lines 1"); "" on the default, with none recorded or an unknown task. A config the
 * task no longer accepts is shown as recorded rather than failing the page.
 */
export function dryRunConfigNote(
  model: { task: string | null; taskConfig?: Record<string, unknown> | null } | null | undefined,
): string {
  if (!model?.task || !model.taskConfig) return "";
  try {
    return taskConfigNote(model.task, model.taskConfig);
  } catch {
    return JSON.stringify(model.taskConfig);
  }
}
