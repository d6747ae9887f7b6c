// A small GPT-2-style decoder-only transformer on tfjs-core ops, in one top-down file:
// config → parameters (named, seeded init) → layer norm / attention / MLP / block → forward.
//
// Layout choices for speed on CPU backends: activations are kept 2-D ([B·T, D]) around every
// linear layer so each one is one plain matmul with a fused bias; linear weights are stored
// [in, out] so no forward matmul needs a transposed operand; keys are transposed once when heads
// are split so q·kᵀ is a plain batched matmul; the LM head is untied ([D, V]) for the same reason.
// Parameter names follow Hugging Face GPT-2 (see docs/checkpoints.md).
import * as tf from "@tensorflow/tfjs-core";
import { z } from "zod";
import { createRng, deriveSeed } from "./random";
import { fusedGelu, hasFusedGelu } from "./native/gelu";
import { fusedLayerNorm, hasFusedLayerNorm } from "./native/layer-norm";

export const modelConfigSchema = z
  .object({
    /** Transformer blocks. */
    nLayers: z.number().int().min(1).default(2),
    /** Residual stream width. */
    dModel: z.number().int().min(1).default(128),
    /** Attention heads; dModel must be divisible by it. */
    nHeads: z.number().int().min(1).default(4),
    /** MLP hidden width = mlpRatio · dModel. */
    mlpRatio: z.number().int().min(1).default(4),
    /** Longest sequence (prompt + completion) the model sees; size of the learned positions. */
    contextLength: z.number().int().min(2).default(24),
    /** Number of token ids (the tokenizer's vocabulary size). */
    vocabSize: z.number().int().min(2).default(64),
  })
  .strict()
  .refine((c) => c.dModel % c.nHeads === 0, { message: "dModel must be divisible by nHeads" });

export type ModelConfig = z.output<typeof modelConfigSchema>;
export type ModelConfigInput = z.input<typeof modelConfigSchema>;

const LN_EPS = 1e-5;
const INIT_STD = 0.02;
const MASKED = -1e9;

export interface Model {
  readonly config: ModelConfig;
  /** Trainable weights by stable name (creation order = manifest order). */
  readonly params: Map<string, tf.Variable>;
  /** Unique per model instance; prefixes the tfjs variable names, which must be global. */
  readonly id: string;
  /** Cached additive causal masks by "queries:past". */
  readonly masks: Map<string, tf.Tensor2D>;
}

/** Names and shapes of every parameter, in manifest order. */
export function parameterShapes(config: ModelConfig): [string, number[]][] {
  const { nLayers, dModel: d, mlpRatio, contextLength, vocabSize } = config;
  const shapes: [string, number[]][] = [
    ["transformer.wte.weight", [vocabSize, d]],
    ["transformer.wpe.weight", [contextLength, d]],
  ];
  for (let i = 0; i < nLayers; i++) {
    const p = `transformer.h.${i}`;
    shapes.push(
      [`${p}.ln_1.weight`, [d]],
      [`${p}.ln_1.bias`, [d]],
      [`${p}.attn.c_attn.weight`, [d, 3 * d]],
      [`${p}.attn.c_attn.bias`, [3 * d]],
      [`${p}.attn.c_proj.weight`, [d, d]],
      [`${p}.attn.c_proj.bias`, [d]],
      [`${p}.ln_2.weight`, [d]],
      [`${p}.ln_2.bias`, [d]],
      [`${p}.mlp.c_fc.weight`, [d, mlpRatio * d]],
      [`${p}.mlp.c_fc.bias`, [mlpRatio * d]],
      [`${p}.mlp.c_proj.weight`, [mlpRatio * d, d]],
      [`${p}.mlp.c_proj.bias`, [d]],
    );
  }
  shapes.push(["transformer.ln_f.weight", [d]], ["transformer.ln_f.bias", [d]]);
  shapes.push(["lm_head.weight", [d, vocabSize]]);
  return shapes;
}

/** GPT-2 init: N(0, 0.02) matrices, residual projections scaled by 1/√(2·nLayers), LN = (1, 0). */
export function initialValue(
  name: string,
  shape: number[],
  config: ModelConfig,
  seed: number,
): Float32Array {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  if (name.endsWith(".bias")) return values;
  if (/ln_\d\.weight$|ln_f\.weight$/.test(name)) return values.fill(1);
  const std = name.endsWith("c_proj.weight") ? INIT_STD / Math.sqrt(2 * config.nLayers) : INIT_STD;
  const rng = createRng(deriveSeed(seed, name));
  for (let i = 0; i < size; i++) values[i] = rng.normal() * std;
  return values;
}

let modelCounter = 0;

/** A freshly initialised model; the same config and seed give the same weights on any backend. */
export function createModel(config: ModelConfigInput = {}, seed = 0): Model {
  const resolved = modelConfigSchema.parse(config);
  const values = new Map(
    parameterShapes(resolved).map(([name, shape]) => [
      name,
      initialValue(name, shape, resolved, seed),
    ]),
  );
  return modelFromValues(resolved, values);
}

/** A model whose weights are the given arrays (checkpoint loading, worker transfer). */
export function modelFromValues(config: ModelConfig, values: Map<string, Float32Array>): Model {
  const id = `lockpick-model-${modelCounter++}-${Math.random().toString(36).slice(2, 8)}`;
  const params = new Map<string, tf.Variable>();
  for (const [name, shape] of parameterShapes(config)) {
    const value = values.get(name);
    if (!value) throw new Error(`missing weight ${name}`);
    const t = tf.tensor(value, shape, "float32");
    params.set(name, tf.variable(t, true, `${id}/${name}`));
    t.dispose();
  }
  return { config, params, id, masks: new Map() };
}

/** Frees every tensor the model owns. */
export function disposeModel(model: Model): void {
  for (const v of model.params.values()) v.dispose();
  for (const m of model.masks.values()) m.dispose();
  model.masks.clear();
}

function param(model: Model, name: string): tf.Variable {
  const p = model.params.get(name);
  if (!p) throw new Error(`unknown parameter ${name}`);
  return p;
}

/**
 * [T, past+T] additive mask: query i (absolute position past+i) sees keys 0..past+i; −1e9
 * elsewhere. Kept on the model for reuse across steps.
 */
export function causalMask(model: Model, t: number, past = 0): tf.Tensor2D {
  const key = `${t}:${past}`;
  let mask = model.masks.get(key);
  if (!mask) {
    const width = past + t;
    const m = new Float32Array(t * width);
    for (let i = 0; i < t; i++)
      for (let j = past + i + 1; j < width; j++) m[i * width + j] = MASKED;
    mask = tf.keep(tf.tensor2d(m, [t, width]));
    model.masks.set(key, mask);
  }
  return mask;
}

/** LayerNorm over the last axis, written out with autodiff (the reference for the fused one). */
export function layerNormReference(
  x: tf.Tensor2D,
  weight: tf.Tensor,
  bias: tf.Tensor,
): tf.Tensor2D {
  const mean = tf.mean(x, -1, true); // [N, 1]
  const centred = tf.sub(x, mean); // [N, D]
  const variance = tf.mean(tf.square(centred), -1, true); // [N, 1]
  return tf.add(tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, LN_EPS))), weight), bias);
}

/**
 * LayerNorm with a hand-written gradient: autodiff of the reference emits ~25 backward kernels
 * (broadcast reductions for mean and variance); the closed form needs 12:
 *   dx = rstd · (dx̂ − mean(dx̂) − x̂ · mean(dx̂ · x̂)),  dx̂ = dy · g,  dg = Σ dy · x̂,  db = Σ dy.
 */
const layerNormFused = tf.customGrad(((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, weight, bias, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  const centred = tf.sub(x, tf.mean(x, -1, true)); // [N, D]
  const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(centred), -1, true), LN_EPS)); // [N, 1]
  const xhat = tf.mul(centred, rstd); // [N, D]
  save([xhat, rstd, weight]);
  return {
    value: tf.add(tf.mul(xhat, weight), bias),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xh, rs, g] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
      const dxhat = tf.mul(dy, g); // [N, D]
      const proj = tf.mul(xh, tf.mean(tf.mul(dxhat, xh), -1, true)); // [N, D]
      const dx = tf.mul(tf.sub(tf.sub(dxhat, tf.mean(dxhat, -1, true)), proj), rs);
      return [dx, tf.sum(tf.mul(dy, xh), 0), tf.sum(dy, 0)];
    },
  };
}) as Parameters<typeof tf.customGrad>[0]);

export function layerNorm(x: tf.Tensor2D, weight: tf.Tensor, bias: tf.Tensor): tf.Tensor2D {
  if (hasFusedLayerNorm(x, weight, bias)) return fusedLayerNorm(x, weight, bias, LN_EPS); // native
  return layerNormFused(x, weight, bias) as tf.Tensor2D;
}

/** GELU, tanh approximation (PyTorch `gelu(approximate="tanh")`, GPT-2's "gelu_new"). */
function gelu(x: tf.Tensor2D): tf.Tensor2D {
  if (hasFusedGelu(x)) return fusedGelu(x); // one native kernel each way (docs/performance.md)
  const inner = tf.mul(
    tf.add(x, tf.mul(tf.mul(tf.square(x), x), 0.044715)),
    Math.sqrt(2 / Math.PI),
  );
  return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
}

function linear(x: tf.Tensor2D, weight: tf.Tensor, bias?: tf.Tensor): tf.Tensor2D {
  return tf.fused.matMul({ a: x, b: weight as tf.Tensor2D, bias }) as tf.Tensor2D; // [N, in] · [in, out]
}

/** Keys and values of earlier positions, per layer: kT [B, H, hd, Tpast], v [B, H, Tpast, hd]. */
export interface KvCache {
  kT: tf.Tensor4D[];
  v: tf.Tensor4D[];
}

export interface ForwardOptions {
  /** Absolute positions [B, T] (int32); default 0..T−1 in every row. */
  positions?: tf.Tensor2D;
  /** Additive attention bias broadcastable to [B, H, T, Tpast+T]; default causal mask. */
  attnBias?: tf.Tensor;
  /** Keys/values of earlier positions; the returned cache extends it with these positions. */
  cache?: KvCache;
  /** Compute logits only at the last position (decoding). */
  lastOnly?: boolean;
}

export interface ForwardResult {
  /** [B, T, V], or [B, 1, V] with lastOnly. */
  logits: tf.Tensor3D;
  /** Present only when a cache was passed (pass `{ kT: [], v: [] }` to start one). */
  cache?: KvCache;
}

function attention(
  model: Model,
  i: number,
  h: tf.Tensor2D,
  shape: { b: number; t: number },
  bias: tf.Tensor,
  cache: KvCache | undefined,
): tf.Tensor2D {
  const { dModel: d, nHeads: nh } = model.config;
  const hd = d / nh;
  const { b, t } = shape;
  const p = `transformer.h.${i}.attn`;
  const qkv = linear(h, param(model, `${p}.c_attn.weight`), param(model, `${p}.c_attn.bias`)); // [N, 3D]
  const [q2, k2, v2] = tf.split(qkv, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D]; // [N, D] each
  const q = tf.transpose(tf.reshape(tf.mul(q2, 1 / Math.sqrt(hd)), [b, t, nh, hd]), [0, 2, 1, 3]); // [B, H, T, hd]
  let kT = tf.transpose(tf.reshape(k2, [b, t, nh, hd]), [0, 2, 3, 1]) as tf.Tensor4D; // [B, H, hd, T]
  let v = tf.transpose(tf.reshape(v2, [b, t, nh, hd]), [0, 2, 1, 3]) as tf.Tensor4D; // [B, H, T, hd]
  if (cache) {
    const pastK = cache.kT[i];
    const pastV = cache.v[i];
    if (pastK && pastV) {
      kT = tf.concat([pastK, kT], 3); // [B, H, hd, Tpast+T]
      v = tf.concat([pastV, v], 2); // [B, H, Tpast+T, hd]
    }
    cache.kT[i] = kT;
    cache.v[i] = v;
  }
  const scores = tf.add(tf.matMul(q, kT), bias); // [B, H, T, Tk]
  const y = tf.matMul(tf.softmax(scores), v); // [B, H, T, hd]
  const merged = tf.reshape(tf.transpose(y, [0, 2, 1, 3]), [b * t, d]) as tf.Tensor2D; // [N, D]
  return linear(merged, param(model, `${p}.c_proj.weight`), param(model, `${p}.c_proj.bias`));
}

function mlp(model: Model, i: number, h: tf.Tensor2D): tf.Tensor2D {
  const p = `transformer.h.${i}.mlp`;
  const up = gelu(linear(h, param(model, `${p}.c_fc.weight`), param(model, `${p}.c_fc.bias`))); // [N, r·D]
  return linear(up, param(model, `${p}.c_proj.weight`), param(model, `${p}.c_proj.bias`)); // [N, D]
}

/**
 * ids [B, T] (int32) → logits. Without a cache this is the training path (causal mask, positions
 * 0..T−1). With one, new keys/values are appended; the caller owns (and must dispose) both the
 * returned logits and the tensors in the returned cache, and must keep positions and bias
 * consistent with what is already cached.
 */
export function forward(
  model: Model,
  ids: tf.Tensor2D,
  options: ForwardOptions = {},
): ForwardResult {
  const { dModel: d, nLayers, vocabSize, contextLength } = model.config;
  const [b, t] = ids.shape;
  const past = options.cache?.kT[0]?.shape[3] ?? 0;
  // With explicit positions (left-padded decoding) the cache may hold more slots than
  // contextLength; only positions index the position table.
  if (!options.positions && past + t > contextLength) {
    throw new Error(`sequence of ${past + t} tokens exceeds contextLength ${contextLength}`);
  }
  const cache = options.cache ? { kT: [...options.cache.kT], v: [...options.cache.v] } : undefined;
  const logits = tf.tidy(() => {
    const wte = param(model, "transformer.wte.weight");
    const wpe = param(model, "transformer.wpe.weight");
    const tok = tf.reshape(tf.gather(wte, tf.reshape(ids, [b * t])), [b, t, d]); // [B, T, D]
    const pos = options.positions
      ? tf.gather(wpe, options.positions) // [B, T, D]
      : tf.slice(wpe, [past, 0], [t, d]); // [T, D], broadcast over B
    let x = tf.reshape(tf.add(tok, pos), [b * t, d]) as tf.Tensor2D; // [N, D], N = B·T
    const bias = options.attnBias ?? causalMask(model, t, past);
    for (let i = 0; i < nLayers; i++) {
      const p = `transformer.h.${i}`;
      const h1 = layerNorm(x, param(model, `${p}.ln_1.weight`), param(model, `${p}.ln_1.bias`));
      x = tf.add(x, attention(model, i, h1, { b, t }, bias, cache));
      const h2 = layerNorm(x, param(model, `${p}.ln_2.weight`), param(model, `${p}.ln_2.bias`));
      x = tf.add(x, mlp(model, i, h2));
    }
    if (options.lastOnly) {
      x = tf.reshape(tf.slice(tf.reshape(x, [b, t, d]), [0, t - 1, 0], [b, 1, d]), [b, d]); // [B, D]
    }
    const rows = options.lastOnly ? 1 : t;
    x = layerNorm(
      x,
      param(model, "transformer.ln_f.weight"),
      param(model, "transformer.ln_f.bias"),
    );
    const out = tf.reshape(tf.matMul(x, param(model, "lm_head.weight")), [b, rows, vocabSize]); // [B, T, V]
    if (cache) for (const c of [...cache.kT, ...cache.v]) tf.keep(c);
    return out as tf.Tensor3D;
  });
  return cache ? { logits, cache } : { logits };
}

/** Number of trainable scalars. */
export function parameterCount(model: Model): number {
  let n = 0;
  for (const v of model.params.values()) n += v.size;
  return n;
}
