// Runs one engine training call (SFT or DPO) for the engine host: the harness's resolved plan
// as engine options, stopping between steps once the wall clock has run out, and the report a
// plugin receives (at most 256 sampled losses).
import type { TrainReport } from "@lockpick/sdk";
import type { SpecialTokens, TrainOptions } from "../engine";
import type { CallControl, TrainPlan } from "./model-host";

/** Engine training options for a plan, stopping between steps at the wall-clock deadline. */
function trainOptions(
  special: SpecialTokens,
  plan: TrainPlan,
  control: CallControl,
  done: { steps: number },
): TrainOptions {
  const abort = new AbortController();
  const options: TrainOptions = {
    special,
    steps: plan.steps,
    batchSize: plan.batchSize,
    lr: plan.lr,
    optimizer:
      plan.optimizer === "lion"
        ? { kind: "lion", weightDecay: plan.weightDecay }
        : { kind: "adamw", weightDecay: plan.weightDecay },
    warmupSteps: plan.warmupSteps,
    // "linear" and "cosine" both decay linearly to 0 after warm-up (the engine's schedule).
    cooldownSteps: plan.schedule === "constant" ? 0 : Math.max(0, plan.steps - plan.warmupSteps),
    clipNorm: plan.gradClip,
    seed: control.seed,
    signal: abort.signal,
    onProgress: (p) => {
      done.steps = p.step;
      if (Date.now() > control.deadline) abort.abort();
    },
  };
  return options;
}
export async function runTraining(
  special: SpecialTokens,
  plan: TrainPlan,
  control: CallControl,
  work: (o: TrainOptions) => Promise<{ losses: number[]; tokens: number }>,
): Promise<TrainReport> {
  const done = { steps: 0 };
  const losses: number[] = [];
  let tokens = 0;
  const options = trainOptions(special, plan, control, done);
  const inner = options.onProgress!;
  options.onProgress = (p) => {
    losses.push(p.loss);
    tokens = p.tokens;
    return inner(p);
  };
  try {
    await work(options);
  } catch (error) {
    if (!options.signal?.aborted) throw error;
  }
  const sample =
    losses.length > 256
      ? losses.filter((_, i) => i % Math.ceil(losses.length / 256) === 0)
      : losses;
  return {
    steps: done.steps,
    tokens,
    losses: sample,
    finalLoss: losses.at(-1) ?? NaN,
    stoppedEarly: done.steps < plan.steps,
  };
}
