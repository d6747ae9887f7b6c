// Messages and shared-memory layout between the data-parallel coordinator and its workers.
import type { Batch } from "./loss";
import type { ModelConfig } from "./model";
import type { OptimizerConfigInput } from "./optim";

export interface WorkerInit {
  index: number;
  workers: number;
  config: ModelConfig;
  /** Initial weights by parameter name (identical on every replica). */
  weights: [string, Float32Array][];
  optimizer: OptimizerConfigInput;
  clipNorm: number;
  backend: "wasm" | "cpu";
  /** Use the OpenBLAS kernels when they load (default true). */
  native: boolean;
  shared: SharedArrayBuffer;
}

export type ToWorker =
  | { kind: "step"; shard: Batch; lr: number; step: number }
  | { kind: "weights" }
  | { kind: "close" };

export type FromWorker =
  | { kind: "ready"; backend: string; native: string }
  | { kind: "stepped"; loss: number; weight: number; gradNorm: number; ms: number }
  | { kind: "weights"; weights: [string, Float32Array][] }
  | { kind: "error"; message: string };

/**
 * One SharedArrayBuffer holds: a control block (Int32: arrivals, generation, failed flag), the
 * per-worker loss weights (Float64) and the per-worker flat gradients (Float32). Weights and
 * gradients are double-buffered by step parity, so a fast worker writing step s+1 never
 * overwrites a slot a slow worker is still averaging for step s.
 */
export class SharedLayout {
  readonly control: Int32Array;
  readonly lossWeights: Float64Array;
  readonly grads: Float32Array;

  constructor(
    readonly buffer: SharedArrayBuffer,
    readonly workers: number,
    readonly paramCount: number,
  ) {
    this.control = new Int32Array(buffer, 0, 4);
    this.lossWeights = new Float64Array(buffer, 16, 2 * workers);
    this.grads = new Float32Array(buffer, 16 + 16 * workers, 2 * workers * paramCount);
  }

  static bytes(workers: number, paramCount: number): number {
    return 16 + 16 * workers + 8 * workers * paramCount;
  }

  slot(step: number, worker: number): Float32Array {
    const start = ((step % 2) * this.workers + worker) * this.paramCount;
    return this.grads.subarray(start, start + this.paramCount);
  }

  weightIndex(step: number, worker: number): number {
    return (step % 2) * this.workers + worker;
  }
}

/** Rows [from, to) of a batch, keeping its padded length. */
export function sliceBatch(batch: Batch, from: number, to: number): Batch {
  const t = batch.length;
  const mask = batch.mask.slice(from * t, to * t);
  let tokens = 0;
  for (const m of mask) tokens += m;
  return {
    rows: to - from,
    length: t,
    ids: batch.ids.slice(from * t, to * t),
    targets: batch.targets.slice(from * t, to * t),
    mask,
    weights: batch.weights.slice(from, to),
    tokens,
  };
}

/** Contiguous, near-equal row shards (the first ones get the remainder). */
export function splitBatch(batch: Batch, parts: number): Batch[] {
  const out: Batch[] = [];
  let from = 0;
  for (let i = 0; i < parts; i++) {
    const rows = Math.floor(batch.rows / parts) + (i < batch.rows % parts ? 1 : 0);
    out.push(sliceBatch(batch, from, from + rows));
    from += rows;
  }
  return out;
}

/** Σ mask·weight: the normaliser of lmLoss, used to average shard gradients exactly. */
export function lossWeight(batch: Batch): number {
  let total = 0;
  for (let r = 0; r < batch.rows; r++) {
    let tokens = 0;
    for (let j = 0; j < batch.length; j++) tokens += batch.mask[r * batch.length + j]!;
    total += tokens * batch.weights[r]!;
  }
  return total;
}
