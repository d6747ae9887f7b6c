// Learning curves of one run, built from what the run recorded: the ledger (spent budget over
// time), the method's `ctx.log` calls (its numeric metrics), and the host's probe of validation
// correctness after each weight-changing call. x is seconds since `elicit` started.
import type { BudgetKind, Metrics } from "@lockpick/sdk";
import type { LedgerEntry } from "./ledger";

export interface CurvePoint {
  x: number;
  y: number;
}
export type Curves = Record<string, CurvePoint[]>;

/** Host-measured correctness on the probe problems (validation split, never bridged). */
export interface ProbePoint {
  /** Milliseconds since the host API was created, when the probed state was reached. */
  atMs: number;
  /** The call after which the model was probed ("start", "sft", …, "end"). */
  after: string;
  correctness: number;
  score: number;
  /** Probe problems and how long the probe took (0 for the end point, which is free). */
  n: number;
  ms: number;
}

export interface CurveInput {
  ledger: readonly LedgerEntry[];
  logs: readonly { atMs: number; metrics: Metrics }[];
  probes: readonly ProbePoint[];
  /** When `elicit` started, in the same milliseconds as `atMs` (curves start there). */
  elicitStartMs: number;
}

/** Points per series at most: a curve is for plotting, not an audit (the ledger is that). */
export const MAX_POINTS = 2000;

const seconds = (ms: number, origin: number) => Math.max(0, ms - origin) / 1000;

function thin(points: CurvePoint[]): CurvePoint[] {
  if (points.length <= MAX_POINTS) return points;
  const step = points.length / MAX_POINTS;
  const kept = Array.from({ length: MAX_POINTS - 1 }, (_, i) => points[Math.floor(i * step)]!);
  return [...kept, points.at(-1)!];
}

/**
 * Series names: `spent.<budget kind>` (cumulative spend after each call that spent it, from
 * 0 at x = 0; wall-clock is x itself), `log.<metric>` (every finite numeric value the method
 * logged under that key), `probe.correctness` and `probe.score`.
 */
export function buildCurves(input: CurveInput): Curves {
  const series = new Map<string, CurvePoint[]>();
  const push = (name: string, point: CurvePoint) => {
    const points = series.get(name) ?? [];
    points.push(point);
    series.set(name, points);
  };
  const totals = new Map<BudgetKind, number>();
  for (const entry of input.ledger) {
    if (entry.outcome !== "ok") continue;
    for (const [kind, amount] of Object.entries(entry.cost) as [BudgetKind, number][]) {
      if (kind === "wallClockMs" || !amount) continue;
      if (!totals.has(kind)) push(`spent.${kind}`, { x: 0, y: 0 });
      totals.set(kind, (totals.get(kind) ?? 0) + amount);
      const x = seconds(entry.atMs + entry.durationMs, input.elicitStartMs);
      push(`spent.${kind}`, { x, y: totals.get(kind)! });
    }
  }
  for (const { atMs, metrics } of input.logs) {
    for (const [key, value] of Object.entries(metrics)) {
      if (typeof value === "number" && Number.isFinite(value)) {
        push(`log.${key}`, { x: seconds(atMs, input.elicitStartMs), y: value });
      }
    }
  }
  for (const p of input.probes) {
    const x = seconds(p.atMs, input.elicitStartMs);
    push("probe.correctness", { x, y: p.correctness });
    push("probe.score", { x, y: p.score });
  }
  return Object.fromEntries([...series].map(([name, points]) => [name, thin(points)]));
}
