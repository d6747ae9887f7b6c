// Aggregates per-seed outcomes of one (method, model, track, budget) into what the CLI prints
// and the reproduction tabulates: mean ± standard error over the seeds that produced a score.
import type { BudgetKind } from "@lockpick/sdk";

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
  spent: Partial<Record<BudgetKind, number>> | null;
  durations: { loadMs: number; elicitMs: number; evaluateMs: number; totalMs: number };
  pluginSha256?: string;
  checkpointSha256?: string;
  backend?: string;
  /** The method's last logged metrics (handy for debugging a run). */
  lastLog?: Record<string, number | string | boolean>;
}

export interface RunSummary {
  method: string;
  task: string;
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
  /** Mean spend per budget kind over the scored seeds. */
  spent: Partial<Record<BudgetKind, number>>;
  failed: number;
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

export function summarize(
  head: Pick<RunSummary, "method" | "task" | "track" | "budget" | "model" | "floor" | "ceiling">,
  outcomes: readonly SeedOutcome[],
): RunSummary {
  const scored = outcomes.filter((o) => o.correctness !== null && o.recovery !== null);
  const rec = meanSe(scored.map((o) => o.recovery!));
  const cor = meanSe(scored.map((o) => o.correctness!));
  const spent: Partial<Record<BudgetKind, number>> = {};
  for (const o of scored) {
    for (const [k, v] of Object.entries(o.spent ?? {}) as [BudgetKind, number][]) {
      spent[k] = (spent[k] ?? 0) + v / scored.length;
    }
  }
  return {
    ...head,
    seeds: outcomes.map((o) => o.seed),
    correctness: cor.mean,
    recovery: rec.mean,
    stderr: rec.se,
    correctnessStderr: cor.se,
    spent,
    failed: outcomes.filter((o) => o.status === "failed").length,
    perSeed: [...outcomes],
  };
}
