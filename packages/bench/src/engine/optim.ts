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

export function createOptimizer(
  params: Map<string, tf.Variable>,
  input: OptimizerConfigInput,
): Optimizer {
  const config = optimizerConfigSchema.parse(input);
  const prefix = `lockpick-opt-${stateCounter++}`;
  const zeros = (v: tf.Variable, tag: string) =>
    tf.tidy(() => tf.variable(tf.zerosLike(v), false, `${prefix}/${v.name}/${tag}`));
  const m = new Map([...params].map(([name, v]) => [name, zeros(v, "m")]));
  const s =
    config.kind === "adamw"
      ? new Map([...params].map(([name, v]) => [name, zeros(v, "v")]))
      : undefined;
  let step = 0;
  return {
    config,
    get step() {
      return step;
    },
    apply(grads, lr) {
      step++;
      tf.tidy(() => {
        for (const [name, p] of params) {
          const g = grads.get(name);
          if (!g) continue;
          const decay = p.rank >= 2 ? config.weightDecay : 0;
          const mt = m.get(name)!;
          if (config.kind === "adamw") {
            const vt = s!.get(name)!;
            const { beta1: b1, beta2: b2, eps } = config;
            const m1 = tf.add(tf.mul(mt, b1), tf.mul(g, 1 - b1));
            const v1 = tf.add(tf.mul(vt, b2), tf.mul(tf.square(g), 1 - b2));
            const bc1 = 1 - b1 ** step;
            const bc2 = Math.sqrt(1 - b2 ** step);
            const update = tf.div(m1, tf.add(tf.div(tf.sqrt(v1), bc2), eps));
            let next = tf.sub(p, tf.mul(update, lr / bc1));
            if (decay > 0) next = tf.sub(next, tf.mul(p, lr * decay));
            mt.assign(m1);
            vt.assign(v1);
            p.assign(next);
          } else {
            const { beta1: b1, beta2: b2 } = config;
            const c = tf.add(tf.mul(mt, b1), tf.mul(g, 1 - b1));
            let next = tf.sub(p, tf.mul(tf.sign(c), lr));
            if (decay > 0) next = tf.sub(next, tf.mul(p, lr * decay));
            mt.assign(tf.add(tf.mul(mt, b2), tf.mul(g, 1 - b2)));
            p.assign(next);
          }
        }
      });
    },
    dispose() {
      for (const t of m.values()) t.dispose();
      for (const t of s?.values() ?? []) t.dispose();
    },
  };
}

/**
 * Scales gradients so their global L2 norm is at most maxNorm. Returns new tensors (the inputs
 * are disposed) and the pre-clipping norm.
 */
export function clipByGlobalNorm(
  grads: Gradients,
  maxNorm: number,
): { grads: Gradients; norm: number } {
  const norm = tf.tidy(
    () => tf.sqrt(tf.addN([...grads.values()].map((g) => tf.sum(tf.square(g))))).dataSync()[0]!,
  );
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
