// The pipeline's use of the engine: models of a recipe's shape, a step loop over a stream of
// batches (so the strong base can start its cool-down when dev accuracy is reached, and every
// stage can checkpoint and resume), and greedy correctness of prompts.
import type { Problem } from "@lockpick/tasks";
import * as tf from "@tensorflow/tfjs-core";
import { forward, generate } from "../engine";
import { DataParallelTrainer, modelWeights } from "../engine/data-parallel";
import { buildBatch, lmLoss, type Example } from "../engine";
import { createModel, type Model } from "../engine";
import { createOptimizer, learningRate, type Optimizer } from "../engine";
import { localSteps, runSteps, type TrainBatch } from "../engine";
import type { Architecture, OptimizerConfig } from "./recipe";
import type { TaskView } from "./task-view";

export function newModel(arch: Architecture, view: TaskView, seed: number): Model {
  return createModel(
    {
      nLayers: arch.layers,
      dModel: arch.dModel,
      nHeads: arch.heads,
      mlpRatio: arch.mlpRatio,
      contextLength: view.contextLength,
      vocabSize: view.task.vocab.size,
    },
    seed,
  );
}

export interface StepLoop {
  /** Runs steps [from, to) with the lr of `lrAt(step)`; the model holds the weights after. */
  run(from: number, to: number, lrAt: (step: number) => number): Promise<number>;
  dispose(): Promise<void>;
}

/**
 * A training loop over `batchAt(step)` (deterministic per step, so a resumed stage trains on
 * the same data): the engine's `runSteps` with one of two step sources. With `workers` ≥ 2 it
 * trains data-parallel on that many threads (the engine's DataParallelTrainer: identical updates,
 * gradients averaged), which is how one build uses both cores; if the replicas cannot start, it
 * trains on this thread. The optimizer state lives in this loop: a resumed stage restarts it.
 */
export function stepLoop(
  model: Model,
  optimizer: OptimizerConfig,
  batchAt: (step: number) => Example[],
  onStep?: (step: number, loss: number) => void | Promise<void>,
  workers = 1,
): StepLoop {
  const optConfig = {
    kind: optimizer.kind,
    beta1: optimizer.beta1,
    beta2: optimizer.beta2,
    weightDecay: optimizer.weightDecay,
  };
  const ctx = model.config.contextLength;
  let trainer: DataParallelTrainer | undefined;
  let parallel = workers >= 2;
  // Created on first use: a data-parallel loop never needs it.
  let local: Optimizer | undefined;
  const localSource = () =>
    localSteps(model, (local ??= createOptimizer(model.params, optConfig)), optimizer.clip);
  return {
    async run(from, to, lrAt) {
      if (!trainer && parallel) {
        try {
          trainer = await DataParallelTrainer.create({
            config: model.config,
            weights: modelWeights(model),
            optimizer: optConfig,
            clipNorm: optimizer.clip,
            workers,
            // The OpenBLAS kernels are optional and still moving; plain wasm is the stable path.
            native: false,
          });
        } catch (error) {
          parallel = false;
          console.error(`data-parallel training unavailable, using one thread: ${String(error)}`);
        }
      }
      let sum = 0;
      await runSteps<TrainBatch>(trainer?.source ?? localSource(), {
        from,
        to,
        batchAt: (step) => {
          const batch = buildBatch(batchAt(step), { padId: 0 }, ctx);
          return { batch, loss: () => lmLoss(model, batch) };
        },
        lrAt,
        after: async (step, _input, _lr, { loss }) => {
          sum += loss;
          await onStep?.(step + 1, loss);
        },
      });
      await trainer?.copyWeightsTo(model);
      return sum / Math.max(1, to - from);
    },
    dispose: async () => {
      await trainer?.close();
      local?.dispose();
    },
  };
}

/** Warm-up then constant lr, with a linear cool-down to 0 over the last `cooldown` steps. */
export function scheduleLr(lr: number, warmup: number, cooldown: number, total: number) {
  return (step: number) =>
    learningRate({ lr, warmupSteps: warmup, cooldownSteps: cooldown, totalSteps: total }, step);
}

/** Greedy (temperature 0) correctness of each (problem, prompt ids) pair. */
export async function greedyCorrect(
  model: Model,
  view: TaskView,
  items: readonly { problem: Problem; prompt: number[] }[],
  onDone?: (done: number) => void,
  chunk = 512,
): Promise<boolean[]> {
  const eos = view.task.vocab.eosId;
  const out: boolean[] = [];
  for (let i = 0; i < items.length; i += chunk) {
    const part = items.slice(i, i + chunk);
    const samples = await generate(
      model,
      part.map((x) => x.prompt),
      { maxTokens: view.maxCompletionTokens, stopTokens: [eos], batchSize: 256 },
    );
    part.forEach((x, k) => {
      const s = samples[k]?.[0];
      out.push(s ? view.evaluate(x.problem, s.tokens, s.finish === "stop") : false);
    });
    onDone?.(out.length);
  }
  return out;
}

/**
 * Whether greedy decoding would reproduce each given completion exactly: one teacher-forced
 * forward pass per batch, true when the argmax at every completion position is the given token.
 * (Greedy output equals y exactly iff argmax p(· | x, y<t) = y_t for every t.) A cheap proxy of
 * correctness for screening many candidates; it never counts a correct-but-different output.
 */
export async function teacherForcedExact(
  model: Model,
  items: readonly Example[],
  onDone?: (done: number) => void,
  chunk = 512,
): Promise<boolean[]> {
  const out: boolean[] = [];
  for (let i = 0; i < items.length; i += chunk) {
    const batch = buildBatch(items.slice(i, i + chunk), { padId: 0 }, model.config.contextLength);
    const predicted = tf.tidy(() => {
      const ids = tf.tensor2d(batch.ids, [batch.rows, batch.length], "int32");
      const { logits } = forward(model, ids); // [rows, T, V]
      return tf.argMax(logits, 2); // [rows, T]
    });
    const argmax = await predicted.data();
    predicted.dispose();
    for (let r = 0; r < batch.rows; r++) {
      let ok = true;
      for (let j = 0; j < batch.length && ok; j++) {
        const k = r * batch.length + j;
        if (batch.mask[k] === 1 && argmax[k] !== batch.targets[k]) ok = false;
      }
      out.push(ok);
    }
    onDone?.(out.length);
    // Yield so progress output and other work on the event loop keep moving.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
}

/** Greedy completions as tokens (ending in `<eos>` when the model stopped). */
export async function greedyTokens(
  model: Model,
  view: TaskView,
  problems: readonly Problem[],
): Promise<string[][]> {
  const { vocab } = view.task;
  const blank = Array.from({ length: view.width }, () => "_");
  const samples = await generate(
    model,
    problems.map((p) => view.slotPromptIds(p, blank)),
    { maxTokens: view.maxCompletionTokens, stopTokens: [vocab.eosId], batchSize: 256 },
  );
  return samples.map(([s]) =>
    s ? [...s.tokens.map((id) => vocab.token(id)), ...(s.finish === "stop" ? ["<eos>"] : [])] : [],
  );
}

export const mean = (xs: readonly boolean[]) =>
  xs.length === 0 ? 0 : xs.reduce((a, x) => a + (x ? 1 : 0), 0) / xs.length;
