// The training loop and its single-thread steps. One step is three separable parts so
// data-parallel workers can average gradients between them: computeGradients (loss + grads) →
// clipByGlobalNorm → optimizer.apply. The loop itself does not know where a step's update comes
// from: a StepSource is this thread's optimizer here, or the replicas of data-parallel.ts.
import * as tf from "@tensorflow/tfjs-core";
import { z } from "zod";
import {
  buildBatch,
  buildPairBatch,
  dpoLoss,
  lmLoss,
  sequenceLogprobs,
  type Batch,
  type Example,
  type PreferencePair,
  type SpecialTokens,
} from "./loss";
import type { Model } from "./model";
import {
  clipByGlobalNorm,
  createOptimizer,
  learningRate,
  type Gradients,
  type Optimizer,
  type OptimizerConfigInput,
} from "./optim";
import { createRng, permutation } from "./random";

export interface TrainProgress {
  /** Steps done (1-based after the first). */
  step: number;
  totalSteps: number;
  loss: number;
  /** Completion tokens trained on so far. */
  tokens: number;
  lr: number;
  gradNorm: number;
}

export interface TrainOptions {
  /** Special token ids (pad, and eos appended to completions). */
  special: SpecialTokens;
  /** Optimizer steps; default one epoch (or `epochs` epochs). */
  steps?: number;
  epochs?: number;
  batchSize?: number;
  /** Peak learning rate (default 1e-3). */
  lr?: number;
  optimizer?: OptimizerConfigInput;
  warmupSteps?: number;
  cooldownSteps?: number;
  /** Global gradient-norm clip; 0 disables (default 1). */
  clipNorm?: number;
  /** Seeds the data order. */
  seed?: number;
  onProgress?: (p: TrainProgress) => void | Promise<void>;
  /** Called every `progressEvery` steps (default 1) and after the last. */
  progressEvery?: number;
  signal?: AbortSignal;
}

export interface TrainResult {
  steps: number;
  tokens: number;
  /** Loss of every step. */
  losses: number[];
}

/** Loss and gradients of every parameter for one batch (the caller disposes both). */
export function computeGradients(
  model: Model,
  lossFn: () => tf.Scalar,
): { loss: tf.Scalar; grads: Gradients } {
  const names = [...model.params.keys()];
  const vars = names.map((n) => model.params.get(n)!);
  const { value, grads } = tf.variableGrads(lossFn, vars);
  const byName: Gradients = new Map();
  for (const v of vars) {
    const g = grads[v.name];
    if (g) byName.set(names[vars.indexOf(v)]!, g);
  }
  return { loss: value, grads: byName };
}

/** One full step on a batch: gradients → clip → update. Returns the loss and gradient norm. */
export function trainStep(
  model: Model,
  optimizer: Optimizer,
  lossFn: () => tf.Scalar,
  lr: number,
  clipNorm: number,
): { loss: number; gradNorm: number } {
  const { loss, grads } = computeGradients(model, lossFn);
  const lossValue = loss.dataSync()[0]!;
  loss.dispose();
  const clipped = clipByGlobalNorm(grads, clipNorm);
  optimizer.apply(clipped.grads, lr);
  for (const g of clipped.grads.values()) g.dispose();
  return { loss: lossValue, gradNorm: clipped.norm };
}

/** Seeded batches of indices: a fresh permutation every epoch; the last batch may be short. */
export function* batchOrder(n: number, batchSize: number, seed: number): Generator<number[]> {
  const rng = createRng(seed);
  for (;;) {
    const perm = permutation(n, rng);
    for (let i = 0; i < n; i += batchSize) yield perm.slice(i, i + batchSize);
  }
}

/** Range checks for the numeric options (callers pass them through from configs and plugins). */
const trainNumbersSchema = z.object({
  steps: z.number().int().min(0).optional(),
  epochs: z.number().int().min(0).optional(),
  batchSize: z.number().int().min(1).optional(),
  lr: z.number().min(0).finite().optional(),
  warmupSteps: z.number().int().min(0).optional(),
  cooldownSteps: z.number().int().min(0).optional(),
  clipNorm: z.number().min(0).optional(),
  seed: z.number().finite().optional(),
  progressEvery: z.number().int().min(1).optional(),
  beta: z.number().positive().finite().optional(),
});

function stepCount(n: number, options: TrainOptions): number {
  const batchSize = options.batchSize ?? 32;
  return options.steps ?? Math.ceil(n / batchSize) * (options.epochs ?? 1);
}

/** One step's outcome, whatever computed it. */
export interface StepResult {
  loss: number;
  gradNorm: number;
}

/** What a step trains on: a batch, and its loss on this thread's model. */
export interface TrainBatch {
  batch: Batch;
  loss: () => tf.Scalar;
}

/**
 * Where a step's update comes from: this thread's optimizer (`trainStep` on `loss`), or
 * data-parallel replicas, which split `batch` among themselves and compute its LM loss.
 */
export interface StepSource<B extends { batch: Batch }> {
  step(input: B, lr: number): StepResult | Promise<StepResult>;
}

/** A step source opened for one run of `trainLoop`. */
export interface StepSession<B extends { batch: Batch }> extends StepSource<B> {
  /** After the last step: leave the trained weights in the model (replicas train copies). */
  finish?(): void | Promise<void>;
  close(): void | Promise<void>;
}

/** What `runSteps` steps over: which steps, each one's batch and lr, and what follows a step. */
export interface StepPlan<B> {
  from: number;
  /** Exclusive. */
  to: number;
  batchAt(step: number): B;
  lrAt(step: number): number;
  /** Checked before every step. */
  signal?: AbortSignal;
  /** Awaited after every step; `step` is 0-based. */
  after?(step: number, input: B, lr: number, result: StepResult): void | Promise<void>;
}

/** The one step loop: steps [from, to), each trained by `source`. */
export async function runSteps<B extends { batch: Batch }>(
  source: StepSource<B>,
  plan: StepPlan<B>,
): Promise<void> {
  for (let step = plan.from; step < plan.to; step++) {
    plan.signal?.throwIfAborted();
    const input = plan.batchAt(step);
    const lr = plan.lrAt(step);
    const result = await source.step(input, lr);
    await plan.after?.(step, input, lr, result);
  }
}

/**
 * `TrainOptions` over any step source: checks them, draws the seeded batch order, applies the lr
 * schedule, counts tokens and reports progress. `open` is called once the options are checked.
 */
export async function trainLoop<T, B extends { batch: Batch }>(
  items: readonly T[],
  options: TrainOptions,
  open: () => StepSession<B> | Promise<StepSession<B>>,
  makeBatch: (items: T[]) => B,
): Promise<TrainResult> {
  if (items.length === 0) throw new Error("no training examples");
  trainNumbersSchema.parse(options);
  const totalSteps = stepCount(items.length, options);
  const session = await open();
  const order = batchOrder(items.length, options.batchSize ?? 32, options.seed ?? 0);
  const every = options.progressEvery ?? 1;
  const losses: number[] = [];
  let tokens = 0;
  try {
    await runSteps(session, {
      from: 0,
      to: totalSteps,
      signal: options.signal,
      batchAt: () => makeBatch(order.next().value!.map((i: number) => items[i]!)),
      lrAt: (step) => learningRate({ ...options, lr: options.lr ?? 1e-3, totalSteps }, step),
      after: async (step, { batch }, lr, result) => {
        losses.push(result.loss);
        tokens += batch.tokens;
        if (options.onProgress && ((step + 1) % every === 0 || step + 1 === totalSteps)) {
          await options.onProgress({
            step: step + 1,
            totalSteps,
            loss: result.loss,
            tokens,
            lr,
            gradNorm: result.gradNorm,
          });
        }
      },
    });
    await session.finish?.();
  } finally {
    await session.close();
  }
  return { steps: totalSteps, tokens, losses };
}

/** The single-thread step source: `trainStep` of each batch's loss with `optimizer`. */
export function localSteps(
  model: Model,
  optimizer: Optimizer,
  clipNorm: number,
): StepSource<TrainBatch> {
  return { step: ({ loss }, lr) => trainStep(model, optimizer, loss, lr, clipNorm) };
}

/** `localSteps` with an optimizer of its own (of `options`), disposed on close. */
function localSession(model: Model, options: TrainOptions): StepSession<TrainBatch> {
  const optimizer = createOptimizer(model.params, options.optimizer ?? { kind: "adamw" });
  return {
    ...localSteps(model, optimizer, options.clipNorm ?? 1),
    close: () => optimizer.dispose(),
  };
}

/** Supervised fine-tuning on completions (prompt tokens are context only). */
export function train(
  model: Model,
  examples: readonly Example[],
  options: TrainOptions,
): Promise<TrainResult> {
  const ctx = model.config.contextLength;
  return trainLoop(
    examples,
    options,
    () => localSession(model, options),
    (rows) => {
      const batch = buildBatch(rows, options.special, ctx);
      return { batch, loss: () => lmLoss(model, batch) };
    },
  );
}

export interface DpoOptions extends TrainOptions {
  /**
   * Frozen reference policy. Its log-probs are computed once, before the first step, so passing
   * the model being trained itself means "the model as it was at the start" (iterated DPO rounds).
   */
  reference: Model;
  /** DPO temperature (paper: 0.1). */
  beta?: number;
}

/** Sequence log-probs of each pair under `model`, in batches: chosen and rejected. */
export function pairLogprobs(
  model: Model,
  pairs: readonly PreferencePair[],
  special: SpecialTokens,
  batchSize = 64,
): { chosen: Float32Array; rejected: Float32Array } {
  const chosen = new Float32Array(pairs.length);
  const rejected = new Float32Array(pairs.length);
  for (let i = 0; i < pairs.length; i += batchSize) {
    const part = pairs.slice(i, i + batchSize);
    const batch = buildPairBatch(part, special, model.config.contextLength);
    const seq = tf.tidy(() => sequenceLogprobs(model, batch));
    const values = seq.dataSync();
    seq.dispose();
    chosen.set(values.subarray(0, part.length), i);
    rejected.set(values.subarray(part.length), i);
  }
  return { chosen, rejected };
}

/** DPO (paper §6.1) or, with per-pair weights = reward gaps, the App. B.3.1 variant. */
export function trainDpo(
  model: Model,
  pairs: readonly PreferencePair[],
  options: DpoOptions,
): Promise<TrainResult> {
  const ref = pairLogprobs(options.reference, pairs, options.special);
  const indexed = pairs.map((pair, index) => ({ pair, index }));
  return trainLoop(
    indexed,
    options,
    () => localSession(model, options),
    (rows) => {
      const batch = buildPairBatch(
        rows.map((r) => r.pair),
        options.special,
        model.config.contextLength,
      );
      const refRows = {
        chosen: Float32Array.from(rows, (r) => ref.chosen[r.index]!),
        rejected: Float32Array.from(rows, (r) => ref.rejected[r.index]!),
      };
      const weights = Float32Array.from(rows, (r) => r.pair.weight ?? 1);
      return { batch, loss: () => dpoLoss(model, batch, refRows, weights, options.beta ?? 0.1) };
    },
  );
}
