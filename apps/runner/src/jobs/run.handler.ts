// The `run` job: claim the run, execute it in a worker process, and record what happened.
// Failure is data: plugin, budget and timeout failures end the run as failed; crashes and other
// infrastructure failures send it back to the queue until it has used its attempts (then errored).
import {
  claimRun,
  failRun,
  loadRunContext,
  recordResult,
  refreshSubmissionStatus,
  releaseRun,
  releaseRunAfterInfraFailure,
} from "@lockpick/db";
import type { JobHandler } from "../queue/define-job";
import { runOutcomeSchema, type RunRequest } from "../executors/run-request";
import { runInWorker } from "../worker/run-in-worker";
import type { RunJob } from "./run";
import { startRunReporter } from "./run-reporter";

/** Thrown to have pg-boss retry the job (the run is back in the queue). */
class RetryLater extends Error {}

const handler: JobHandler<RunJob> = async ({ runId }, job, { db, env, storage, shutdown }) => {
  // A run whose holder has been silent for half a job lease is up for grabs.
  const staleSeconds = Math.max(2, env.LOCKPICK_JOB_HEARTBEAT_SECONDS / 2 - 1);
  const claim = await claimRun(db, runId, env.runnerId, env.LOCKPICK_MAX_ATTEMPTS, staleSeconds);
  if (claim.action === "busy") throw new RetryLater(`run ${runId} is held by a live runner`);
  if (claim.action !== "run") {
    const context = await loadRunContext(db, runId);
    if (context) await refreshSubmissionStatus(db, context.submission.id);
    return;
  }
  const attempt = claim.run.attempts;
  const context = (await loadRunContext(db, runId))!;
  const { submission, model, task } = context;
  await refreshSubmissionStatus(db, submission.id);

  const lost = new AbortController();
  const reporter = startRunReporter({
    db,
    runId,
    runnerId: env.runnerId,
    attempt,
    onLost: () => lost.abort(),
  });
  reporter.log(`attempt ${attempt} on ${env.runnerId}`);
  const signal = AbortSignal.any([lost.signal, job.signal, shutdown]);
  let outcome;
  try {
    const checkpointDir = model.checkpointLocation
      ? await storage.fetchDir(model.checkpointLocation)
      : null;
    const request: RunRequest = {
      runId,
      attempt,
      seed: claim.run.seed,
      budget: claim.run.budget,
      track: submission.track,
      bundle: submission.bundle,
      bundleSha256: submission.bundleSha256,
      bundleSourceMap: submission.bundleSourceMap,
      params: submission.params,
      task: {
        slug: task.slug,
        familyId: task.familyId,
        config: task.config,
        version: task.version,
      },
      model: {
        id: model.id,
        name: model.name,
        visibility: model.visibility,
        checkpointDir,
        checkpointSha256: model.checkpointSha256,
        password: model.password,
        lockReport: model.lockReport ?? null,
      },
    };
    outcome = await runInWorker(
      { kind: "run", executor: env.LOCKPICK_RUN_EXECUTOR, input: request },
      {
        timeoutMs: env.LOCKPICK_RUN_TIMEOUT_SECONDS * 1000,
        signal,
        onProgress: (p) => reporter.progress(p),
        onLog: (line, level) => reporter.log(line, level),
      },
    );
  } catch (error) {
    outcome = { status: "crash" as const, message: (error as Error).message };
  } finally {
    await reporter.stop();
  }

  switch (outcome.status) {
    case "done": {
      const parsed = runOutcomeSchema.safeParse(outcome.output);
      if (!parsed.success) {
        await failRun(db, runId, "plugin", `invalid run outcome: ${parsed.error.message}`);
        break;
      }
      const o = parsed.data;
      if (o.status === "failed") {
        await failRun(db, runId, o.kind, o.reason);
        break;
      }
      await recordResult(db, {
        runId,
        correctness: o.correctness,
        recovery: o.recovery,
        metrics: o.metrics,
        curves: o.curves,
        spentBudget: o.spentBudget,
        ledger: o.ledger,
        logsLocation: `db:run_logs/${runId}`,
        runnerId: env.runnerId,
        reproducibility: {
          taskSlug: task.slug,
          taskVersion: task.version,
          taskConfig: task.config,
          checkpointSha256: model.checkpointSha256 ?? undefined,
          bundleSha256: submission.bundleSha256,
          seed: claim.run.seed,
          budget: claim.run.budget,
          attempt,
          ...o.reproducibility,
        },
      });
      break;
    }
    case "timeout":
      await failRun(
        db,
        runId,
        "timeout",
        `run exceeded the runner's limit of ${env.LOCKPICK_RUN_TIMEOUT_SECONDS} s`,
      );
      break;
    case "aborted":
      if (shutdown.aborted && !lost.signal.aborted) {
        await releaseRun(db, runId, env.runnerId);
        throw new RetryLater(`run ${runId} released by a runner shutting down`);
      }
      break; // cancelled, or another runner owns it now
    case "error":
    case "crash": {
      const status = await releaseRunAfterInfraFailure(
        db,
        runId,
        `${outcome.status === "crash" ? "worker crashed" : "executor error"}: ${outcome.message}`,
        env.LOCKPICK_MAX_ATTEMPTS,
      );
      await refreshSubmissionStatus(db, submission.id);
      if (status === "queued") throw new RetryLater(outcome.message);
      return;
    }
  }
  await refreshSubmissionStatus(db, submission.id);
};

export default handler;
