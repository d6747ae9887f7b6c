// Inference: batched decoding with a KV cache, and log-probabilities of given completions.
//
// Variable-length prompts share a batch by LEFT padding: row r gets (Lmax − L_r) pad slots in
// front, its real tokens keep positions 0..L_r−1 (explicit per-row positions), and pad slots are
// masked out as attention keys. Each row therefore computes exactly what it would alone, so
// results do not depend on how prompts are batched. Prompts are sorted by length before batching
// to keep padding small. A row stops at a stop token, after maxTokens, or when its position
// reaches the context length (finish = "length").
import * as tf from "@tensorflow/tfjs-core";
import { buildBatch, tokenLogprobs, type Example } from "./loss";
import { forward, type KvCache, type Model } from "./model";
import { createRng, deriveSeed, type Rng } from "./random";

export interface GenerateOptions {
  /** New tokens per sample at most. */
  maxTokens: number;
  /** 0 (default) = greedy argmax; otherwise softmax(logits / temperature) sampling. */
  temperature?: number;
  /** Nucleus sampling: keep the smallest set of tokens with total probability ≥ topP (default 1). */
  topP?: number;
  /** Samples per prompt (default 1). */
  n?: number;
  /** Seeds sampling; each (prompt, sample) has its own stream, independent of batching. */
  seed?: number;
  /** Generation of a row ends at any of these (not included in `tokens`). */
  stopTokens?: readonly number[];
  /** Rows per forward pass (default 64). */
  batchSize?: number;
  /** false recomputes the whole prefix every step (reference path for tests). */
  useCache?: boolean;
  /** Keep the logits each token was chosen from. */
  returnLogits?: boolean;
}

export interface Sample {
  tokens: number[];
  finish: "stop" | "length";
  stopToken?: number;
  logits?: Float32Array[];
}

const MASKED = -1e9;

/** Generates `n` samples for every prompt; result[i][j] is sample j of prompt i. */
export async function generate(
  model: Model,
  prompts: readonly number[][],
  options: GenerateOptions,
): Promise<Sample[][]> {
  const n = options.n ?? 1;
  const rows = prompts.flatMap((prompt, p) =>
    Array.from({ length: n }, (_, s) => ({ prompt, p, s })),
  );
  rows.sort((a, b) => a.prompt.length - b.prompt.length);
  const out: Sample[][] = prompts.map(() => new Array<Sample>(n));
  const batchSize = options.batchSize ?? 64;
  for (let i = 0; i < rows.length; i += batchSize) {
    const part = rows.slice(i, i + batchSize);
    const rngs = part.map((r) => createRng(deriveSeed(options.seed ?? 0, `${r.p}:${r.s}`)));
    const samples = decodeBatch(
      model,
      part.map((r) => r.prompt),
      rngs,
      options,
    );
    part.forEach((r, k) => (out[r.p]![r.s] = samples[k]!));
    await new Promise<void>((resolve) => setImmediate(resolve)); // let the event loop breathe
  }
  return out;
}

function decodeBatch(
  model: Model,
  prompts: number[][],
  rngs: Rng[],
  options: GenerateOptions,
): Sample[] {
  const { contextLength } = model.config;
  const b = prompts.length;
  const lmax = Math.max(...prompts.map((p) => p.length));
  for (const p of prompts) {
    if (p.length === 0) throw new Error("empty prompt");
    if (p.length > contextLength)
      throw new Error(`prompt of ${p.length} tokens exceeds contextLength ${contextLength}`);
  }
  const pads = prompts.map((p) => lmax - p.length);
  const stops = new Set(options.stopTokens ?? []);
  const samples: Sample[] = prompts.map(() => ({ tokens: [], finish: "length" }));
  const done = prompts.map((p) => p.length >= contextLength || options.maxTokens <= 0);
  // Full token history per row (left-padded), used by the uncached path and for positions.
  const history = prompts.map((p, r) => [...new Array<number>(pads[r]!).fill(p[0]!), ...p]);
  let cache: KvCache | undefined = options.useCache === false ? undefined : { kT: [], v: [] };
  let fed = 0; // history columns already in the cache
  try {
    for (let step = 0; !done.every(Boolean); step++) {
      const from = cache ? fed : 0;
      const width = history[0]!.length;
      const t = width - from;
      const ids = new Int32Array(b * t);
      const positions = new Int32Array(b * t);
      const bias = new Float32Array(b * t * width);
      for (let r = 0; r < b; r++) {
        for (let j = 0; j < t; j++) {
          const col = from + j;
          ids[r * t + j] = history[r]![col]!;
          positions[r * t + j] = Math.min(Math.max(0, col - pads[r]!), contextLength - 1);
          for (let k = 0; k < width; k++) {
            if (k > col || k < pads[r]!) bias[(r * t + j) * width + k] = MASKED;
          }
        }
      }
      const inputs = {
        ids: tf.tensor2d(ids, [b, t], "int32"),
        positions: tf.tensor2d(positions, [b, t], "int32"),
        attnBias: tf.tensor4d(bias, [b, 1, t, width]),
      };
      const result = forward(model, inputs.ids, { ...inputs, cache, lastOnly: true });
      tf.dispose(inputs);
      const logits = result.logits.dataSync() as Float32Array; // [B, 1, V]
      result.logits.dispose();
      if (cache) {
        disposeCache(cache);
        cache = result.cache;
        fed = width;
      }
      const vocab = model.config.vocabSize;
      for (let r = 0; r < b; r++) {
        if (done[r]) {
          history[r]!.push(history[r]!.at(-1)!); // filler, never read back
          continue;
        }
        const row = logits.slice(r * vocab, (r + 1) * vocab);
        const token = pick(row, rngs[r]!, options.temperature ?? 0, options.topP ?? 1);
        const sample = samples[r]!;
        if (options.returnLogits) (sample.logits ??= []).push(row);
        history[r]!.push(token);
        if (stops.has(token)) {
          sample.finish = "stop";
          sample.stopToken = token;
          done[r] = true;
          continue;
        }
        sample.tokens.push(token);
        const position = prompts[r]!.length + sample.tokens.length; // position of the next input
        if (sample.tokens.length >= options.maxTokens || position >= contextLength) done[r] = true;
      }
    }
  } finally {
    if (cache) disposeCache(cache);
  }
  return samples;
}

function disposeCache(cache: KvCache): void {
  for (const t of [...cache.kT, ...cache.v]) t.dispose();
}

/** Greedy argmax at temperature 0, otherwise temperature + nucleus sampling. */
export function pick(logits: Float32Array, rng: Rng, temperature: number, topP: number): number {
  if (temperature <= 0) {
    let best = 0;
    for (let i = 1; i < logits.length; i++) if (logits[i]! > logits[best]!) best = i;
    return best;
  }
  let max = -Infinity;
  for (const x of logits) max = Math.max(max, x);
  const probs = Array.from(logits, (x, i) => ({ i, p: Math.exp((x - max) / temperature) }));
  const total = probs.reduce((a, e) => a + e.p, 0);
  probs.sort((a, b) => b.p - a.p || a.i - b.i);
  let kept = 0;
  let mass = 0;
  while (kept < probs.length && (kept === 0 || mass < topP * total)) mass += probs[kept++]!.p;
  let u = rng.next() * mass;
  for (let k = 0; k < kept; k++) {
    u -= probs[k]!.p;
    if (u < 0) return probs[k]!.i;
  }
  return probs[kept - 1]!.i;
}

export interface CompletionLogprobs {
  /** Σ log p over the completion tokens (and eos, when `eosId` is given). */
  sum: number;
  /** log p of each completion token. */
  tokens: number[];
}

/** Log-probabilities of given completions after their prompts, in batches. */
export function logprobs(
  model: Model,
  items: readonly Example[],
  options: { eosId?: number; batchSize?: number } = {},
): CompletionLogprobs[] {
  const batchSize = options.batchSize ?? 64;
  const out: CompletionLogprobs[] = [];
  for (let i = 0; i < items.length; i += batchSize) {
    const part = items.slice(i, i + batchSize);
    const batch = buildBatch(part, { padId: 0, eosId: options.eosId }, model.config.contextLength);
    const lp = tokenLogprobs(model, batch);
    const values = lp.dataSync();
    lp.dispose();
    part.forEach((e, r) => {
      const start = r * batch.length + e.prompt.length - 1;
      const count = e.completion.length + (options.eosId === undefined ? 0 : 1);
      const tokens = Array.from(values.subarray(start, start + count));
      out.push({ sum: tokens.reduce((a, x) => a + x, 0), tokens });
    });
  }
  return out;
}
