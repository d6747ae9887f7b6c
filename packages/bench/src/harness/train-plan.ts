// Turns a plugin's training options into the exact schedule the host runs and charges for.
import type { TrainOptionsInput } from "./host-schemas";
import type { TrainPlan } from "./model-host";

export const TRAIN_DEFAULTS = {
  lr: 1e-4,
  batchSize: 16,
  optimizer: "adam",
  warmupSteps: 0,
  schedule: "constant",
  weightDecay: 0,
  gradClip: 1,
} as const;

export function trainPlan(examples: number, options: TrainOptionsInput): TrainPlan {
  const batchSize = Math.min(options.batchSize ?? TRAIN_DEFAULTS.batchSize, examples);
  const steps =
    options.steps ?? Math.max(1, Math.ceil(((options.epochs ?? 1) * examples) / batchSize));
  if (steps > 100_000) throw new Error("more than 100000 training steps");
  return {
    lr: options.lr ?? TRAIN_DEFAULTS.lr,
    optimizer: options.optimizer ?? TRAIN_DEFAULTS.optimizer,
    warmupSteps: options.warmupSteps ?? TRAIN_DEFAULTS.warmupSteps,
    schedule: options.schedule ?? TRAIN_DEFAULTS.schedule,
    weightDecay: options.weightDecay ?? TRAIN_DEFAULTS.weightDecay,
    gradClip: options.gradClip ?? TRAIN_DEFAULTS.gradClip,
    batchSize,
    steps,
  };
}
