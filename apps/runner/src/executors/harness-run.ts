// Runs a submission through the elicitation harness (@lockpick/bench/harness `runElicitation`):
// one seed per run, on the locked model's checkpoint directory. The harness scores budget
// exhaustion as it stands ("budget-exhausted" is a scored result); its failed runs are plugin
// failures, or timeouts when the wall-clock budget ended them. The harness samples and scores the
// problems of the task config the checkpoint was built on; a run whose task instance says another
// config is refused before it starts (a registration error, not the method's).
import type { WorkerHooks } from "../worker/protocol";
import type { RunOutcome, RunRequest } from "./run-request";

/** The slice of the harness's result this adapter reads. */
type HarnessRun = {
  status: "completed" | "budget-exhausted" | "failed";
  error?: string;
  correctness: number | null;
  recovery: number | null;
  spent: Record<string, number> | null;
  ledger: { entries: unknown[]; verified: boolean; genesis: string };
  evaluation: unknown;
  perDomainRecovery: Record<string, number>;
  durations: unknown;
  /** `config`: the task config the host sampled and scored problems of. */
  task: { id: string; version: string; config?: Record<string, unknown> };
  backend: string | null;
  method: unknown;
  checkpointSha256: string | null;
  logs?: unknown;
  /** Learning curves (series name → points; x = seconds since elicit started). */
  curves?: Record<string, { x: number; y: number }[]>;
  /** The slot/prefix the host scored with, if the method set one (ctx.setScoringPrompt). */
  scoring?: Record<string, unknown> | null;
};
type HarnessModule = {
  runElicitation?: (request: Record<string, unknown>) => Promise<{ runs: HarnessRun[] }>;
};

/**
 * Throws unless the checkpoint was locked on the run's task family and config (defaults
 * applied) at a comparable version (same N): scoring it on another config's problems, or on
 * problems an N bump changed, would file the numbers under the wrong task.
 */
export async function checkModelTask(task: RunRequest["task"], checkpointDir: string) {
  const { readLockManifest } = await import("@lockpick/bench/lock");
  const { getTaskFamily, resolveTaskConfig, sameTaskConfig, versionMismatch } =
    await import("@lockpick/tasks");
  const manifest = await readLockManifest(checkpointDir);
  const family = getTaskFamily(task.familyId);
  if (manifest.task !== family.id || !sameTaskConfig(family, task.config, manifest.taskConfig)) {
    const text = (config: unknown) => JSON.stringify(resolveTaskConfig(family, config));
    throw new Error(
      `the model was locked on ${manifest.task} ${JSON.stringify(manifest.taskConfig)}, but task ` +
        `${task.slug} is ${family.id} ${text(task.config)}`,
    );
  }
  const mismatch = versionMismatch(manifest.task, manifest.taskVersion, family.version);
  if (mismatch) throw new Error(`the model was ${mismatch}`);
}

export default async function harnessRun(
  request: RunRequest,
  hooks: WorkerHooks,
): Promise<RunOutcome> {
  const harness = (await import("@lockpick/bench/harness")) as unknown as HarnessModule;
  if (typeof harness.runElicitation !== "function") {
    throw new Error("the elicitation harness (@lockpick/bench/harness) is not available");
  }
  if (!request.model.checkpointDir) throw new Error(`model ${request.model.id} has no checkpoint`);
  await checkModelTask(request.task, request.model.checkpointDir);
  const started = Date.now();
  const result = await harness.runElicitation({
    plugin: {
      bundle: {
        code: request.bundle,
        sha256: request.bundleSha256,
        ...(request.bundleSourceMap && { sourceMap: request.bundleSourceMap }),
      },
    },
    modelDir: request.model.checkpointDir,
    track: request.track,
    budget: request.budget,
    seeds: [request.seed],
    params: request.params,
    onPhase: (_seed: number, phase: string) => {
      hooks.progress({ phase });
      hooks.log(`phase: ${phase} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    },
  });
  const run = result.runs[0];
  if (!run) throw new Error("the harness returned no run");
  if (run.status === "failed" || run.correctness === null || run.recovery === null) {
    const reason = run.error ?? "the run was not scored";
    return {
      status: "failed",
      kind: /wall.?clock|timed? ?out/i.test(reason) ? "timeout" : "plugin",
      reason,
    };
  }
  return {
    status: "succeeded",
    correctness: run.correctness,
    recovery: run.recovery,
    metrics: {
      status: run.status,
      ...(run.error && { stoppedBy: run.error }),
      evaluation: run.evaluation,
      perDomainRecovery: run.perDomainRecovery,
      durations: run.durations,
      backend: run.backend,
      method: run.method,
    },
    curves: run.curves ?? {},
    spentBudget: run.spent ?? {},
    ledger: run.ledger.entries,
    reproducibility: {
      harnessTask: run.task,
      harnessCheckpointSha256: run.checkpointSha256,
      ledgerGenesis: run.ledger.genesis,
      ledgerVerified: run.ledger.verified,
      backend: run.backend,
      // What the host scored with (ctx.setScoringPrompt): part of the result's definition.
      ...(run.scoring && { scoring: run.scoring }),
    },
  };
}
