// In-memory weight handling: snapshots, restore, copies and seeded Gaussian noise.
import * as tf from "@tensorflow/tfjs-core";
import { modelFromValues, type Model, type ModelConfig } from "./model";
import { createRng, deriveSeed } from "./random";

/** Plain-array copy of every weight (structured-cloneable: can cross worker boundaries). */
export interface WeightSnapshot {
  config: ModelConfig;
  values: Map<string, Float32Array>;
}

export function snapshot(model: Model): WeightSnapshot {
  const values = new Map<string, Float32Array>();
  for (const [name, v] of model.params) values.set(name, v.dataSync() as Float32Array);
  return { config: { ...model.config }, values };
}

/** Overwrites the model's weights with a snapshot of the same architecture. */
export function restore(model: Model, snap: WeightSnapshot): void {
  for (const [name, v] of model.params) {
    const value = snap.values.get(name);
    if (!value || value.length !== v.size)
      throw new Error(`snapshot has no matching weight ${name}`);
    tf.tidy(() => v.assign(tf.tensor(value, v.shape, "float32")));
  }
}

/** An independent model with the same weights (e.g. a frozen DPO reference). */
export function cloneModel(model: Model): Model {
  const snap = snapshot(model);
  return modelFromValues(snap.config, snap.values);
}

export interface PerturbOptions {
  /** Noise standard deviation (absolute, or relative to each tensor's RMS with `relative`). */
  std: number;
  seed: number;
  relative?: boolean;
  /** Which weights to perturb (default: all). */
  include?: (name: string) => boolean;
}

/**
 * Adds N(0, std²) noise to the weights in place. Noise comes from a JS generator seeded per
 * weight name, so the same seed gives the same perturbation on any backend.
 */
export function perturb(model: Model, options: PerturbOptions): void {
  for (const [name, v] of model.params) {
    if (options.include && !options.include(name)) continue;
    const values = v.dataSync() as Float32Array;
    let scale = options.std;
    if (options.relative) {
      let sq = 0;
      for (const x of values) sq += x * x;
      scale *= Math.sqrt(sq / values.length);
    }
    const rng = createRng(deriveSeed(options.seed, name));
    const next = new Float32Array(values.length);
    for (let i = 0; i < values.length; i++) next[i] = values[i]! + rng.normal() * scale;
    tf.tidy(() => v.assign(tf.tensor(next, v.shape, "float32")));
  }
}
