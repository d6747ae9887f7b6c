// The benchmark's workload: the reference shape (2 layers, d_model 128, 4 heads, MLP 4×,
// context 24, vocab 64), a seeded batch of 64 full-length rows, Adam (AdamW with zero decay).
import {
  buildBatch,
  createModel,
  type Batch,
  type Example,
  type Model,
  type ModelConfigInput,
} from "../src/engine";
import { createRng } from "../src/engine";

export const REFERENCE: ModelConfigInput = {
  nLayers: 2,
  dModel: 128,
  nHeads: 4,
  mlpRatio: 4,
  contextLength: 24,
  vocabSize: 64,
};
export const BATCH = 64;
export const SPECIAL = { padId: 0 };
export const ADAM = { kind: "adamw" as const, weightDecay: 0 };

/** 64 rows of 25 tokens (5 prompt + 20 completion), so every batch is [64, 24] positions. */
export function referenceExamples(seed = 1, rows = BATCH): Example[] {
  const rng = createRng(seed);
  const token = () => 2 + rng.int(62);
  return Array.from({ length: rows }, () => ({
    prompt: Array.from({ length: 5 }, token),
    completion: Array.from({ length: 20 }, token),
  }));
}

export function referenceBatch(seed = 1): Batch {
  return buildBatch(referenceExamples(seed), SPECIAL, 24);
}

export function referenceModel(seed = 1, overrides: ModelConfigInput = {}): Model {
  return createModel({ ...REFERENCE, ...overrides }, seed);
}

/**
 * Multiply-adds ×2 of one training step's matmuls (forward; backward is twice that): per layer
 * the four linears and the two attention products, plus the LM head.
 */
export function stepGflop(): number {
  const n = BATCH * 24;
  const d = 128;
  const perLayer = 2 * n * d * (3 * d + d + 4 * d + 4 * d) + 2 * 2 * BATCH * 24 * 24 * d;
  const forward = 2 * perLayer + 2 * n * d * 64;
  return (3 * forward) / 1e9;
}
