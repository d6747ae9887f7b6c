// Query helpers over the reproduction's finished runs: cells (mean ± s.e. over seeds) and the
// per-lock difficulty (k at which SFT reaches 70 % recovery, with the per-seed spread).
import type { ParamValue } from "@lockpick/sdk";
import type { RunSpec } from "./plan";
import { meanSe, type SeedOutcome } from "./summarize";

export interface Finished {
  spec: RunSpec;
  outcome: SeedOutcome;
}

export interface Cell {
  mean: number | null;
  se: number | null;
  n: number;
  failed: number;
  values: number[];
  outcomes: SeedOutcome[];
}

export interface CellQuery {
  method: string;
  variant: string;
  track: string;
  budget: number;
  task?: string;
  params?: Record<string, ParamValue>;
  limits?: boolean;
  seeds?: readonly number[];
}

const sameParams = (a: Record<string, ParamValue> | undefined, b: typeof a) =>
  JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});

export class ResultsIndex {
  constructor(readonly runs: readonly Finished[]) {}

  outcomes(q: CellQuery): SeedOutcome[] {
    return this.runs
      .filter(
        ({ spec: s }) =>
          s.method === q.method &&
          s.variant === q.variant &&
          s.track === q.track &&
          s.budget === q.budget &&
          (q.task === undefined || s.task === q.task) &&
          sameParams(s.params, q.params) &&
          Boolean(s.limits) === Boolean(q.limits) &&
          (q.seeds === undefined || q.seeds.includes(s.seed)),
      )
      .map((r) => r.outcome);
  }

  cell(q: CellQuery, metric: (o: SeedOutcome) => number | null = (o) => o.recovery): Cell {
    const outcomes = this.outcomes(q);
    const values = outcomes.map(metric).filter((v): v is number => v !== null);
    const { mean, se } = meanSe(values);
    return {
      mean,
      se,
      n: values.length,
      failed: outcomes.filter((o) => o.status === "failed").length,
      values,
      outcomes,
    };
  }
}

/** k where a recovery curve first reaches `target`, interpolated on log2 k; null if never. */
export function kAt(curve: readonly { k: number; r: number }[], target = 0.7): number | null {
  const pts = [...curve].sort((a, b) => a.k - b.k);
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i]!;
    if (p.r < target) continue;
    if (i === 0) return p.k;
    const q = pts[i - 1]!;
    const t = (target - q.r) / (p.r - q.r);
    return 2 ** (Math.log2(q.k) + t * (Math.log2(p.k) - Math.log2(q.k)));
  }
  return null;
}

export interface Difficulty {
  /** From the mean curve over seeds (null = not reached up to `maxK`). */
  k70: number | null;
  /** The largest k measured: "not reached" means "not by this k", which is below the grid's top
   * while a reproduction is still running. */
  maxK: number | null;
  /** Per demonstration seed (null = not reached up to that seed's `maxK`). */
  perSeed: { seed: number; k70: number | null; maxK: number }[];
  /** Per k: mean, min and max recovery over seeds, and the seed count. */
  curve: { k: number; mean: number; min: number; max: number; n: number }[];
}

export function difficulty(
  index: ResultsIndex,
  variant: string,
  task: string,
  grid: readonly number[],
): Difficulty {
  const curve: Difficulty["curve"] = [];
  const bySeed = new Map<number, { k: number; r: number }[]>();
  for (const k of grid) {
    const outs = index
      .outcomes({ method: "sft", variant, task, track: "demonstrations", budget: k })
      .filter((o) => o.recovery !== null);
    if (outs.length === 0) continue;
    const rs = outs.map((o) => o.recovery!);
    curve.push({
      k,
      mean: rs.reduce((a, b) => a + b, 0) / rs.length,
      min: Math.min(...rs),
      max: Math.max(...rs),
      n: rs.length,
    });
    for (const o of outs)
      bySeed.set(o.seed, [...(bySeed.get(o.seed) ?? []), { k, r: o.recovery! }]);
  }
  return {
    k70: kAt(curve.map((c) => ({ k: c.k, r: c.mean }))),
    maxK: curve.length ? Math.max(...curve.map((c) => c.k)) : null,
    perSeed: [...bySeed.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([seed, pts]) => ({ seed, k70: kAt(pts), maxK: Math.max(...pts.map((p) => p.k)) })),
    curve,
  };
}

/** A k for 70 % as text: "> maxK" when the curve never got there (up to the largest k run). */
export function formatK70(k: number | null, maxK: number | null): string {
  if (k === null) return maxK === null ? "not run yet" : `> ${maxK}`;
  return k < 10 ? k.toFixed(1) : k.toFixed(0);
}

/** The parts of a lock the single-domain rows need: which runs, and per-domain floor/ceiling. */
export interface DomainBounds {
  task: string;
  variant: string;
  perDomain: Record<string, { floor: number; ceiling: number }>;
}

export interface SingleDomainRow {
  /** The domain the demonstrations came from. */
  domain: string;
  /** Recovery on the whole validation set (all domains). */
  recovery: Cell;
  /**
   * Recovery on the domains the demonstrations did not come from: per seed, the mean of the
   * per-domain recoveries (from the lock's per-domain floor/ceiling), then mean ± s.e. over seeds.
   */
  onOthers: Cell;
}

/** §5.2: SFT on `budget` demonstrations from one domain only, one row per domain. */
export function singleDomainRecovery(
  index: ResultsIndex,
  lock: DomainBounds,
  domains: readonly string[],
  budget = 64,
): SingleDomainRow[] {
  return domains.map((domain) => {
    const query: CellQuery = {
      method: "sft",
      track: "demonstrations",
      budget,
      variant: lock.variant,
      task: lock.task,
      params: { domain },
    };
    const others = domains.filter((d) => d !== domain);
    const onOthers = (o: SeedOutcome): number | null => {
      const rs = others.flatMap((d) => {
        const b = lock.perDomain[d];
        const pd = o.perDomain[d];
        return b && pd && b.ceiling > b.floor
          ? [(pd.correctness - b.floor) / (b.ceiling - b.floor)]
          : [];
      });
      return rs.length ? rs.reduce((a, b) => a + b, 0) / rs.length : null;
    };
    return { domain, recovery: index.cell(query), onOthers: index.cell(query, onOthers) };
  });
}
