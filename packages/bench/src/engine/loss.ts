// Batching and losses: causal LM loss on completion tokens, sequence log-probabilities, DPO.
import * as tf from "@tensorflow/tfjs-core";
import { forward, type Model } from "./model";

/** A training example as token ids; the loss covers only the completion. */
export interface Example {
  prompt: number[];
  completion: number[];
  /** Relative weight of this example's tokens (default 1). */
  weight?: number;
}

export interface SpecialTokens {
  padId: number;
  /** Appended to every completion when given, so the model learns to stop. */
  eosId?: number;
}

/** A right-padded batch: row r holds prompt ++ completion (++ eos), shifted by one for targets. */
export interface Batch {
  rows: number;
  /** Sequence length T (longest row minus one). */
  length: number;
  /** [rows·T] input ids. */
  ids: Int32Array;
  /** [rows·T] next-token targets. */
  targets: Int32Array;
  /** [rows·T] 1 where the target is a completion token, else 0. */
  mask: Float32Array;
  /** Per-row example weight. */
  weights: Float32Array;
  /** Completion tokens in the batch (sum of mask). */
  tokens: number;
}

export function buildBatch(
  examples: readonly Example[],
  special: SpecialTokens,
  contextLength: number,
): Batch {
  const seqs = examples.map((e) => {
    if (e.completion.length === 0 && special.eosId === undefined)
      throw new Error("empty completion");
    if (e.prompt.length === 0) throw new Error("empty prompt: the first token needs a context");
    const seq =
      special.eosId === undefined
        ? [...e.prompt, ...e.completion]
        : [...e.prompt, ...e.completion, special.eosId];
    if (seq.length - 1 > contextLength) {
      throw new Error(
        `example of ${seq.length - 1} input tokens exceeds contextLength ${contextLength}`,
      );
    }
    return seq;
  });
  const rows = examples.length;
  const length = Math.max(...seqs.map((s) => s.length - 1));
  const ids = new Int32Array(rows * length).fill(special.padId);
  const targets = new Int32Array(rows * length);
  const mask = new Float32Array(rows * length);
  const weights = new Float32Array(rows);
  let tokens = 0;
  seqs.forEach((seq, r) => {
    const start = examples[r]!.prompt.length - 1; // first input position whose target is completion
    weights[r] = examples[r]!.weight ?? 1;
    for (let j = 0; j < seq.length - 1; j++) {
      ids[r * length + j] = seq[j]!;
      targets[r * length + j] = seq[j + 1]!;
      if (j >= start) {
        mask[r * length + j] = 1;
        tokens++;
      }
    }
  });
  return { rows, length, ids, targets, mask, weights, tokens };
}

/** Per-token log p(target) [rows, T] (0 where masked out). Differentiable. */
export function tokenLogprobs(model: Model, batch: Batch): tf.Tensor2D {
  return tf.tidy(() => {
    const { rows, length } = batch;
    const ids = tf.tensor2d(batch.ids, [rows, length], "int32");
    const { logits } = forward(model, ids); // [B, T, V]
    const flat = tf.reshape(logits, [rows * length, model.config.vocabSize]); // [N, V]
    const labels = tf.oneHot(tf.tensor1d(batch.targets, "int32"), model.config.vocabSize); // [N, V]
    // softmaxCrossEntropy has a fused (softmax − labels) gradient: cheaper than logSoftmax + gather.
    const nll = tf.losses.softmaxCrossEntropy(labels, flat, undefined, 0, tf.Reduction.NONE); // [N]
    return tf.reshape(tf.mul(tf.neg(nll), tf.tensor1d(batch.mask)), [rows, length]) as tf.Tensor2D;
  });
}

/**
 * Causal LM loss: mean negative log-likelihood over completion tokens, each token weighted by
 * its example's weight (Σ w·nll / Σ w over completion tokens).
 */
export function lmLoss(model: Model, batch: Batch): tf.Scalar {
  return tf.tidy(() => {
    const { rows, length, mask, weights } = batch;
    const w = new Float32Array(rows * length);
    let total = 0;
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < length; j++) {
        const k = r * length + j;
        w[k] = mask[k]! * weights[r]!;
        total += w[k]!;
      }
    }
    if (total <= 0) throw new Error("batch has no weighted completion tokens");
    for (let k = 0; k < w.length; k++) w[k]! /= total;
    const lp = tokenLogprobs(model, batch); // [B, T], masked
    return tf.neg(tf.sum(tf.mul(tf.reshape(lp, [rows * length]), tf.tensor1d(w)))) as tf.Scalar;
  });
}

/** A preference pair for DPO: same prompt, preferred and dispreferred completions. */
export interface PreferencePair {
  prompt: number[];
  chosen: number[];
  rejected: number[];
  /**
   * Multiplies the pair's loss. With continuous rewards (paper App. B.3.1) pass the reward gap
   * R(y+) − R(y−); default 1 (plain DPO, paper §6.1).
   */
  weight?: number;
}

/** Batch of 2P rows: the P chosen completions, then the P rejected ones. */
export function buildPairBatch(
  pairs: readonly PreferencePair[],
  special: SpecialTokens,
  contextLength: number,
): Batch {
  const rows: Example[] = [
    ...pairs.map((p) => ({ prompt: p.prompt, completion: p.chosen })),
    ...pairs.map((p) => ({ prompt: p.prompt, completion: p.rejected })),
  ];
  return buildBatch(rows, special, contextLength);
}

/** Σ log p(completion | prompt) per row [rows]. */
export function sequenceLogprobs(model: Model, batch: Batch): tf.Tensor1D {
  return tf.tidy(() => tf.sum(tokenLogprobs(model, batch), 1) as tf.Tensor1D);
}

/**
 * DPO loss (Rafailov et al.; paper §6.1 uses β = 0.1):
 *   L = −mean_i w_i · log σ(β·[(log π(y+) − log π_ref(y+)) − (log π(y−) − log π_ref(y−))])
 * `refChosen`/`refRejected` are the frozen reference model's sequence log-probabilities.
 * The weights multiply (not renormalise), matching Eq. 2 of App. B.3.1: L = −E[(R+ − R−)·…].
 */
export function dpoLoss(
  model: Model,
  batch: Batch,
  ref: { chosen: Float32Array; rejected: Float32Array },
  weights: Float32Array,
  beta = 0.1,
): tf.Scalar {
  return tf.tidy(() => {
    const p = weights.length;
    const seq = sequenceLogprobs(model, batch); // [2P]
    const [chosen, rejected] = tf.split(seq, [p, p]) as [tf.Tensor1D, tf.Tensor1D];
    const refGap = new Float32Array(p);
    for (let i = 0; i < p; i++) refGap[i] = ref.chosen[i]! - ref.rejected[i]!;
    const margin = tf.mul(tf.sub(tf.sub(chosen, rejected), tf.tensor1d(refGap)), beta); // [P]
    // −log σ(m) = softplus(−m); tf.logSigmoid itself is broken in tfjs-core 4.22 (disposes its input).
    return tf.mean(tf.mul(tf.softplus(tf.neg(margin)), tf.tensor1d(weights))) as tf.Scalar;
  });
}
