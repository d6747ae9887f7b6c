// The `dry-run` job: one sandboxed run of a bundled plugin in a worker process; its verdict is
// the job's output. A worker that crashes, or a runner shutting down, fails the job instead
// (an infrastructure failure, never the author's).
import type { DryRunRequest } from "../executors/dry-run";
import type { JobHandler } from "../queue/define-job";
import { runInWorker } from "../worker/run-in-worker";
import { dryRunVerdictSchema, type DryRunJob, type DryRunVerdict } from "./dry-run";
import { trackGrid } from "./track-grid";

const handler: JobHandler<DryRunJob, DryRunVerdict> = async (payload, job, services) => {
  const { env, shutdown } = services;
  const [budget] = await trackGrid(payload.track, 1);
  const input: DryRunRequest = {
    ...payload,
    budget: budget!,
    modelDir: env.dryRunModelDir,
    wallClockSeconds: env.LOCKPICK_DRY_RUN_SECONDS,
  };
  const started = Date.now();
  const outcome = await runInWorker(
    { kind: "dry-run", executor: "harness", input },
    {
      timeoutMs: env.dryRunTimeoutSeconds * 1000,
      signal: AbortSignal.any([job.signal, shutdown]),
    },
  );
  switch (outcome.status) {
    case "done":
      return dryRunVerdictSchema.parse(outcome.output);
    case "timeout":
      return {
        ok: false,
        kind: "timeout",
        reason: `the dry run exceeded its limit of ${env.dryRunTimeoutSeconds} s`,
        budget: budget!,
        seconds: (Date.now() - started) / 1000,
      };
    case "aborted":
      throw new Error("the dry run was stopped (runner shutting down or job expired)");
    default:
      throw new Error(`the dry run could not run: ${outcome.message}`);
  }
};

export default handler;
