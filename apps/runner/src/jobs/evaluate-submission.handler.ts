// The `evaluate-submission` job: expand a submission into runs and queue one `run` job per run.
// Idempotent: runs have a unique key and each run's job id is the run id, so a retry adds nothing.
import { createRuns, evaluationModels, getSubmission, setSubmissionStatus } from "@lockpick/db";
import type { JobHandler } from "../queue/define-job";
import type { EvaluateSubmissionJob } from "./evaluate-submission";
import { trackGrid } from "./track-grid";

const handler: JobHandler<EvaluateSubmissionJob> = async (payload, _job, { db, boss, env }) => {
  const found = await getSubmission(db, payload.submissionId);
  if (!found) return;
  const { submission } = found;
  if (submission.status === "cancelled") return;
  const models = await evaluationModels(db, payload.tasks);
  if (models.length === 0) {
    await setSubmissionStatus(db, submission.id, "failed", "no published locked models to run on");
    return;
  }
  const budgets =
    payload.budgets ?? (await trackGrid(submission.track, env.LOCKPICK_BUDGETS_PER_TRACK));
  const seeds = Array.from({ length: payload.seeds ?? env.LOCKPICK_SEEDS }, (_, i) => i);
  const runs = await createRuns(
    db,
    submission.id,
    models.flatMap((m) =>
      budgets.flatMap((budget) => seeds.map((seed) => ({ lockedModelId: m.id, budget, seed }))),
    ),
  );
  await setSubmissionStatus(db, submission.id, "queued");
  const queued = runs.filter((r) => r.status === "queued");
  if (queued.length > 0) {
    // Seed 0 of every (model, budget) first, across all submissions in the queue: the
    // leaderboard fills with one seed per cell before the others refine it.
    await boss.insert(
      "run",
      queued.map((r) => ({ id: r.id, data: { runId: r.id }, priority: seeds.length - r.seed })),
    );
  }
};

export default handler;
