// Optimizers (AdamW, Lion), the learning-rate schedule and global-norm gradient clipping.
// Weight decay is decoupled and applies to matrices (rank ≥ 2: embeddings and linear weights)
// only, never to biases or layer-norm gains, as in nanoGPT.
import * as tf from "@tensorflow/tfjs-core";
import { z } from "zod";

export const optimizerConfigSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("adamw"),
    beta1: z.number().default(0.9),
    beta2: z.number().default(0.999),
    eps: z.number().default(1e-8),
    weightDecay: z.number().default(0.01),
  }),
  z.object({
    // Lion (Chen et al. 2023), the optimizer of the paper: use a 3–10× smaller lr than AdamW.
    kind: z.literal("lion"),
    beta1: z.number().default(0.9),
    beta2: z.number().default(0.99),
    weightDecay: z.number().default(0.1),
  }),
]);
export type OptimizerConfig = z.output<typeof optimizerConfigSchema>;
export type OptimizerConfigInput = z.input<typeof optimizerConfigSchema>;

export type Gradients = Map<string, tf.Tensor>;

export interface Optimizer {
  readonly config: OptimizerConfig;
  /** Updates every parameter that has a gradient, at learning rate `lr`. Does not dispose grads. */
  apply(grads: Gradients, lr: number): void;
  /** Steps taken so far. */
  readonly step: number;
  /** Frees the optimizer state. */
  dispose(): void;
}

let stateCounter = 0;

/**
 * Optimizers work on ONE flat vector holding every parameter (in `params` order): the gradients
 * are concatenated, the update rule runs as ~15 element-wise kernels over the whole model, and
 * the result is split back. Per-parameter updates would cost ~15 kernels per tensor (hundreds
 * per step), and on CPU backends per-kernel overhead rivals the arithmetic for small models.
 */
export function createOptimizer(
  params: Map<string, tf.Variable>,
  input: OptimizerConfigInput,
): Optimizer {
  const config = optimizerConfigSchema.parse(input);
  const prefix = `lockpick-opt-${stateCounter++}`;
  const vars = [...params.values()];
  const sizes = vars.map((v) => v.size);
  const total = sizes.reduce((a, b) => a + b, 0);
  // 1 for matrices (decayed), 0 for vectors (biases, LayerNorm gains).
  const decayMask = new Float32Array(total);
  let offset = 0;
  for (const v of vars) {
    if (v.rank >= 2) decayMask.fill(1, offset, offset + v.size);
    offset += v.size;
  }
  const state = tf.tidy(() => ({
    mask: tf.keep(tf.tensor1d(decayMask)),
    m: tf.variable(tf.zeros([total]), false, `${prefix}/m`),
    v: config.kind === "adamw" ? tf.variable(tf.zeros([total]), false, `${prefix}/v`) : undefined,
  }));
  let step = 0;
  return {
    config,
    get step() {
      return step;
    },
    apply(grads, lr) {
      step++;
      tf.tidy(() => {
        const g = flattenGradients(params, grads);
        const p = tf.concat(vars.map((v) => tf.reshape(v, [-1])));
        let update: tf.Tensor;
        if (config.kind === "adamw") {
          const { beta1: b1, beta2: b2, eps } = config;
          const m1 = tf.add(tf.mul(state.m, b1), tf.mul(g, 1 - b1));
          const v1 = tf.add(tf.mul(state.v!, b2), tf.mul(tf.square(g), 1 - b2));
          const bc1 = 1 - b1 ** step;
          const bc2 = Math.sqrt(1 - b2 ** step);
          update = tf.mul(tf.div(m1, tf.add(tf.div(tf.sqrt(v1), bc2), eps)), 1 / bc1);
          state.m.assign(m1);
          state.v!.assign(v1);
        } else {
          const { beta1: b1, beta2: b2 } = config;
          update = tf.sign(tf.add(tf.mul(state.m, b1), tf.mul(g, 1 - b1)));
          state.m.assign(tf.add(tf.mul(state.m, b2), tf.mul(g, 1 - b2)));
        }
        // Decoupled weight decay on matrices: p ← p − lr·(update + wd·mask·p).
        if (config.weightDecay > 0)
          update = tf.add(update, tf.mul(tf.mul(state.mask, config.weightDecay), p));
        const next = tf.split(tf.sub(p, tf.mul(update, lr)), sizes);
        vars.forEach((v, i) => v.assign(tf.reshape(next[i]!, v.shape)));
      });
    },
    dispose() {
      tf.dispose([state.mask, state.m, ...(state.v ? [state.v] : [])]);
    },
  };
}

/** Every gradient as one flat vector in parameter order (zeros where a gradient is missing). */
export function flattenGradients(params: Map<string, tf.Variable>, grads: Gradients): tf.Tensor1D {
  return tf.tidy(() =>
    tf.concat([...params].map(([name, v]) => tf.reshape(grads.get(name) ?? tf.zerosLike(v), [-1]))),
  ) as tf.Tensor1D;
}

/**
 * Scales gradients so their global L2 norm is at most maxNorm. Returns new tensors (the inputs
 * are disposed) and the pre-clipping norm.
 */
export function clipByGlobalNorm(
  grads: Gradients,
  maxNorm: number,
): { grads: Gradients; norm: number } {
  const norm = tf.tidy(() => {
    const flat = tf.concat([...grads.values()].map((g) => tf.reshape(g, [-1])));
    return tf.sqrt(tf.sum(tf.square(flat))).dataSync()[0]!;
  });
  if (!(maxNorm > 0) || norm <= maxNorm || !Number.isFinite(norm)) return { grads, norm };
  const scale = maxNorm / (norm + 1e-6);
  const clipped: Gradients = new Map();
  for (const [name, g] of grads) {
    clipped.set(name, tf.mul(g, scale));
    g.dispose();
  }
  return { grads: clipped, norm };
}

export interface Schedule {
  /** Peak learning rate. */
  lr: number;
  /** Linear warm-up from lr/warmupSteps to lr over the first steps. */
  warmupSteps?: number;
  /** Linear cool-down to 0 over the last steps of `totalSteps`. */
  cooldownSteps?: number;
  totalSteps: number;
}

/** Learning rate at 0-based step `step`. */
export function learningRate(schedule: Schedule, step: number): number {
  const { lr, warmupSteps = 0, cooldownSteps = 0, totalSteps } = schedule;
  let factor = 1;
  if (warmupSteps > 0 && step < warmupSteps) factor = (step + 1) / warmupSteps;
  const left = totalSteps - step;
  if (cooldownSteps > 0 && left <= cooldownSteps) factor = Math.min(factor, left / cooldownSteps);
  return lr * factor;
}
