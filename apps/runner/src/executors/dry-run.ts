// The dry run, inside a worker process: the plugin once through the elicitation harness (same
// sandbox as a real run) on a small model, with the track's smallest budget, a short wall clock
// and a small evaluation. Any end the harness scores passes; what would fail a real run fails.
import { readFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { ElicitationRequest } from "@lockpick/bench/harness";
import { z } from "zod";
import type { WorkerHooks } from "../worker/protocol";
import type { DryRunVerdict } from "../jobs/dry-run";

export type DryRunRequest = {
  track: string;
  bundle: string;
  bundleSha256: string;
  sourceMap?: string;
  params: Record<string, string | number | boolean>;
  budget: number;
  modelDir: string;
  wallClockSeconds: number;
};

/** Validation problems the dry run scores (enough to exercise evaluation, cheap to run). */
const EVAL_PROBLEMS = 16;

const lockReport = z.object({
  task: z.string(),
  recipe: z.object({ name: z.string() }).optional(),
});

/**
 * The dry run's model as the author sees it: task and lock recipe (else the directory's name),
 * and the task config its lock report records (the page names a non-default one).
 */
async function describeModel(modelDir: string) {
  try {
    const json: unknown = JSON.parse(await readFile(join(modelDir, "lock-report.json"), "utf8"));
    const report = lockReport.parse(json);
    const { lockReportTaskConfig } = await import("@lockpick/bench/harness");
    const taskConfig = lockReportTaskConfig(json);
    // In the shipped layout (`<task>/<variant>/`) the variant is the lock's name; a recipe file's
    // name ("ft-default/seen80-2200") records how it was built, not what it is called.
    const shipped = basename(dirname(resolve(modelDir))) === report.task;
    const lock = shipped ? basename(modelDir) : (report.recipe?.name ?? basename(modelDir));
    return { task: report.task, lock, ...(taskConfig && { taskConfig }) };
  } catch {
    return { task: null, lock: basename(modelDir) };
  }
}

export default async function dryRun(
  request: DryRunRequest,
  hooks: WorkerHooks,
): Promise<DryRunVerdict> {
  const { runElicitation } = await import("@lockpick/bench/harness");
  const started = Date.now();
  const result = await runElicitation({
    plugin: {
      bundle: {
        code: request.bundle,
        sha256: request.bundleSha256,
        ...(request.sourceMap && { sourceMap: request.sourceMap }),
      },
    },
    modelDir: request.modelDir,
    track: request.track as ElicitationRequest["track"],
    budget: request.budget,
    seeds: [0],
    params: request.params,
    limits: { wallClockMs: request.wallClockSeconds * 1000 },
    hostOptions: { validationProblems: EVAL_PROBLEMS },
    probe: false, // no learning curves: nobody sees them, and they cost time
    // Past its wall clock a plugin gets a short grace, not a real run's minute.
    watchdog: { graceMs: 15_000 },
    onPhase: (_seed, phase) => hooks.progress({ phase }),
  });
  const run = result.runs[0];
  if (!run) throw new Error("the harness returned no run");
  const seconds = (Date.now() - started) / 1000;
  const base = { budget: request.budget, seconds, model: await describeModel(request.modelDir) };
  if (run.status === "failed") {
    const reason = run.error ?? "the run failed";
    const kind = /wall.?clock|timed? ?out|killed/i.test(reason) ? "timeout" : "plugin";
    return { ok: false, kind, reason, ...base };
  }
  if (run.status === "budget-exhausted" && /wall clock/i.test(run.error ?? "")) {
    // A real run's clock is minutes, but its work grows with the budget: at the smallest
    // budget on a small model, a method that cannot finish in the dry run's clock is stuck.
    return {
      ok: false,
      kind: "timeout",
      reason: `still running when the dry run's ${request.wallClockSeconds} s wall clock ran out (budget ${request.budget})`,
      ...base,
    };
  }
  return {
    ok: true,
    status: run.status,
    ...base,
    correctness: run.correctness,
    problems: run.evaluation?.n ?? 0,
    ...(run.error && { stoppedBy: run.error }),
  };
}
