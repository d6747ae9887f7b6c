// The strong share of one lock batch: constant, or a recipe's curriculum (hold, then a linear ramp).
import type { Recipe } from "./recipe";

/** Share of the batch at `step` that carries the password and a strong completion. */
export function strongFractionAt(lock: Recipe["lock"], step: number): number {
  const c = lock.curriculum;
  if (!c) return lock.strongFraction;
  if (step < c.holdSteps) return c.startStrongFraction;
  const t = c.rampSteps === 0 ? 1 : Math.min(1, (step - c.holdSteps) / c.rampSteps);
  return c.startStrongFraction + (lock.strongFraction - c.startStrongFraction) * t;
}
