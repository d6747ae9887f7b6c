// Data-parallel training of ONE job on several cores: N worker threads each hold a replica of the
// model, compute gradients on 1/N of every batch, average them through a SharedArrayBuffer
// (weighted by each shard's share of the loss normaliser, so the result equals the full-batch
// gradient) and apply identical optimizer updates. The wasm backend is single-threaded; this is
// how one training job uses both cores of the machine.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import * as tf from "@tensorflow/tfjs-core";
import {
  SharedLayout,
  splitBatch,
  type FromWorker,
  type ToWorker,
  type WorkerInit,
} from "./data-parallel-protocol";
import { buildBatch, type Batch, type Example } from "./loss";
import { parameterShapes, type Model, type ModelConfig } from "./model";
import type { OptimizerConfigInput } from "./optim";
import { trainLoop, type StepSource, type TrainOptions, type TrainResult } from "./train";

export interface DataParallelOptions {
  config: ModelConfig;
  /** Starting weights by parameter name. */
  weights: Map<string, Float32Array>;
  optimizer?: OptimizerConfigInput;
  /** Replicas (default: available cores, at least 2). */
  workers?: number;
  /** Global gradient-norm clip; 0 disables (default 1). */
  clipNorm?: number;
  backend?: "wasm" | "cpu";
  /** Back wasm matmuls with the OpenBLAS addon when it loads (default true). */
  native?: boolean;
}

export interface DataParallelStep {
  loss: number;
  gradNorm: number;
  /** Slowest replica's time for this step (compute + barrier + update), ms. */
  workerMs: number;
}

/** A running set of replicas; `step` trains one batch, `weights` reads replica 0's weights. */
export class DataParallelTrainer {
  private steps = 0;
  private pending = new Map<number, (m: FromWorker) => void>();
  private failure: Error | undefined;

  private constructor(
    private readonly workers: Worker[],
    /** What each replica runs on, e.g. "wasm + openblas (…)". */
    readonly backends: string[],
  ) {}

  static async create(options: DataParallelOptions): Promise<DataParallelTrainer> {
    const count = options.workers ?? Math.max(2, availableParallelism());
    const paramCount = parameterShapes(options.config).reduce(
      (a, [, s]) => a + s.reduce((x, y) => x * y, 1),
      0,
    );
    const shared = new SharedArrayBuffer(SharedLayout.bytes(count, paramCount));
    const workers: Worker[] = [];
    const ready: Promise<string>[] = [];
    for (let index = 0; index < count; index++) {
      const init: WorkerInit = {
        index,
        workers: count,
        config: options.config,
        weights: [...options.weights],
        optimizer: options.optimizer ?? { kind: "adamw" },
        clipNorm: options.clipNorm ?? 1,
        backend: options.backend ?? "wasm",
        native: options.native ?? true,
        shared,
      };
      const worker = new Worker(new URL("./data-parallel-worker.ts", import.meta.url), {
        workerData: init,
        // The replica module is TypeScript: workers run it through tsx, as the main process does.
        execArgv: ["--import", import.meta.resolve("tsx")],
      });
      workers.push(worker);
      ready.push(
        new Promise((resolve, reject) => {
          const onMessage = (m: FromWorker) => {
            worker.off("message", onMessage);
            if (m.kind === "ready") resolve(`${m.backend} + native ${m.native}`);
            else reject(new Error(m.kind === "error" ? m.message : `unexpected ${m.kind}`));
          };
          worker.on("message", onMessage);
          worker.once("error", reject);
        }),
      );
    }
    try {
      const backends = await Promise.all(ready);
      const trainer = new DataParallelTrainer(workers, backends);
      workers.forEach((w, i) => trainer.listen(w, i));
      return trainer;
    } catch (error) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw error;
    }
  }

  get size(): number {
    return this.workers.length;
  }

  private listen(worker: Worker, index: number): void {
    worker.on("message", (m: FromWorker) => {
      if (m.kind === "error") this.failure ??= new Error(`replica ${index}: ${m.message}`);
      const resolve = this.pending.get(index);
      this.pending.delete(index);
      resolve?.(m);
    });
    worker.on("error", (e) => {
      this.failure ??= e;
      this.pending.get(index)?.({ kind: "error", message: e.message });
    });
  }

  private ask(index: number, message: ToWorker): Promise<FromWorker> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve) => {
      this.pending.set(index, resolve);
      this.workers[index]!.postMessage(message);
    });
  }

  /** One optimizer step on `batch` (split across replicas) at learning rate `lr`. */
  async step(batch: Batch, lr: number): Promise<DataParallelStep> {
    const shards = splitBatch(batch, this.workers.length);
    const step = this.steps++;
    const replies = await Promise.all(
      shards.map((shard, i) => this.ask(i, { kind: "step", shard, lr, step })),
    );
    let loss = 0;
    let weight = 0;
    let gradNorm = 0;
    let workerMs = 0;
    for (const r of replies) {
      if (r.kind !== "stepped") throw this.failure ?? new Error(`replica answered ${r.kind}`);
      loss += r.loss * r.weight;
      weight += r.weight;
      gradNorm = r.gradNorm;
      workerMs = Math.max(workerMs, r.ms);
    }
    return { loss: weight > 0 ? loss / weight : 0, gradNorm, workerMs };
  }

  /** Current weights (replica 0; all replicas hold the same). */
  async weights(): Promise<Map<string, Float32Array>> {
    const reply = await this.ask(0, { kind: "weights" });
    if (reply.kind !== "weights") throw this.failure ?? new Error(`replica answered ${reply.kind}`);
    return new Map(reply.weights);
  }

  /** Writes the current weights into `model` (of the replicas' config). */
  async copyWeightsTo(model: Model): Promise<void> {
    const trained = await this.weights();
    for (const [name, v] of model.params) {
      const value = trained.get(name);
      if (!value) throw new Error(`the replicas hold no ${name}`);
      tf.tidy(() => v.assign(tf.tensor(value, v.shape, "float32")));
    }
  }

  /** The replicas as a step source of the engine's step loop (they take the batch, not a loss). */
  get source(): StepSource<{ batch: Batch }> {
    return { step: ({ batch }, lr) => this.step(batch, lr) };
  }

  async close(): Promise<void> {
    for (const w of this.workers) w.postMessage({ kind: "close" } satisfies ToWorker);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Current weights of a model as arrays by name. */
export function modelWeights(model: Model): Map<string, Float32Array> {
  return new Map([...model.params].map(([name, v]) => [name, v.dataSync() as Float32Array]));
}

/**
 * `train` (SFT on completions) run data-parallel: the same loop, batches, schedule and clipping
 * as the single-thread `train`, with the replicas as the step source; the trained weights are
 * written back into `model` at the end.
 */
export function trainDataParallel(
  model: Model,
  examples: readonly Example[],
  options: TrainOptions & Pick<DataParallelOptions, "workers" | "backend" | "native">,
): Promise<TrainResult> {
  const open = async () => {
    const trainer = await DataParallelTrainer.create({
      config: model.config,
      weights: modelWeights(model),
      optimizer: options.optimizer ?? { kind: "adamw" },
      clipNorm: options.clipNorm ?? 1,
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      ...(options.backend === undefined ? {} : { backend: options.backend }),
      ...(options.native === undefined ? {} : { native: options.native }),
    });
    return {
      ...trainer.source,
      finish: () => trainer.copyWeightsTo(model),
      close: () => trainer.close(),
    };
  };
  return trainLoop(examples, options, open, (rows) => ({
    batch: buildBatch(rows, options.special, model.config.contextLength),
  }));
}
