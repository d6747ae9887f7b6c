// The shapes the CLI prints and the reproduction caches: one seed's outcome (a harness run
// record without its ledger and logs) and a method run's summary over seeds.
import type { BudgetKind } from "@lockpick/sdk";
import type { RunRecord } from "../harness";

/** Learning curves as `[x, y]` pairs per series (x = seconds since elicit started). */
export type CompactCurves = Record<string, [number, number][]>;

export interface SeedOutcome {
  seed: number;
  status: "completed" | "budget-exhausted" | "failed";
  error?: string;
  /** Validation correctness (temperature 0, no password); null when the run failed. */
  correctness: number | null;
  /** Mean continuous score on validation. */
  score: number | null;
  recovery: number | null;
  perDomain: Record<string, { n: number; correctness: number; score: number }>;
  perDomainRecovery?: Record<string, number>;
  spent: Partial<Record<BudgetKind, number>> | null;
  durations: { loadMs: number; elicitMs: number; evaluateMs: number; totalMs: number };
  bundleSha256?: string;
  checkpointSha256?: string | null;
  backend?: string | null;
  ledgerEntries?: number;
  ledgerVerified?: boolean;
  /** The method's last logged metrics (handy for debugging a run). */
  lastLog?: Record<string, number | string | boolean>;
  /**
   * What the evaluation scored with (`ctx.setScoringPrompt`); null: blank slot, bare prompts.
   * Absent from runs cached before it was recorded.
   */
  scoring?: RunRecord["scoring"];
  /** The run's learning curves (`spent.*`, `log.*`, `probe.*`), only when asked for. */
  curves?: CompactCurves;
}

export interface RunSummary {
  method: string;
  task: string;
  taskVersion: string;
  track: string;
  budget: number;
  model: string;
  floor: number;
  ceiling: number;
  seeds: number[];
  /** Mean over scored seeds. */
  correctness: number | null;
  recovery: number | null;
  /** Standard error of the mean recovery (null with fewer than 2 scored seeds). */
  stderr: number | null;
  correctnessStderr: number | null;
  score: number | null;
  /** Mean spend per budget kind over the scored seeds. */
  spent: Partial<Record<BudgetKind, number>>;
  failed: number;
  bundleSha256: string;
  perSeed: SeedOutcome[];
}

export function meanSe(values: readonly number[]): { mean: number | null; se: number | null } {
  const n = values.length;
  if (n === 0) return { mean: null, se: null };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, se: null };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}
