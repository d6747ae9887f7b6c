// One method on one locked model, track and budget, over seeds, through the harness's entry
// point (`runElicitation`: bundle → sandbox child per seed → scoring). Shared by the CLI's
// `run` and the reproduction; this file only resolves the method and reshapes the result.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { BudgetKind, ParamValue, TrackId } from "@lockpick/sdk";
import { runElicitation, type BudgetLimits, type RunRecord } from "../harness";
import { builtinSource, isBuiltinMethod } from "../methods";
import { meanSe, type CompactCurves, type RunSummary, type SeedOutcome } from "./summarize";

export interface MethodRunRequest {
  /** `builtin:<id>` or a path to a plugin's TypeScript file. */
  method: string;
  track: TrackId;
  budget: number;
  seeds: readonly number[];
  /** Directory of a locked model (checkpoint and lock-report.json). */
  modelDir: string;
  params?: Record<string, ParamValue>;
  /** Overrides of the track's caps (local research only; the leaderboard never uses them). */
  limits?: Partial<BudgetLimits>;
  parallel?: number;
  /** Put each seed's learning curves in its outcome (large: off for the CLI's default output). */
  curves?: boolean;
  /** Tests only: a host module (file URL exporting `createHost`) instead of the engine's. */
  hostModule?: string;
  onPhase?: (seed: number, phase: string) => void;
}

export async function methodSource(method: string): Promise<string> {
  if (method.startsWith("builtin:")) {
    const id = method.slice("builtin:".length);
    if (!isBuiltinMethod(id)) throw new Error(`unknown built-in method "${id}"`);
    return builtinSource(id);
  }
  return readFile(resolve(method), "utf8");
}

/** Curves as `[x, y]` pairs, x rounded to the millisecond it was measured in. */
export function compactCurves(curves: RunRecord["curves"]): CompactCurves {
  return Object.fromEntries(
    Object.entries(curves).map(([name, points]) => [
      name,
      points.map(({ x, y }): [number, number] => [Math.round(x * 1000) / 1000, y]),
    ]),
  );
}

/**
 * A harness run record without its (large) ledger and logs, plus the last logged metrics and the
 * scoring prompt; its learning curves only with `curves`.
 */
export function toOutcome(r: RunRecord, { curves = false } = {}): SeedOutcome {
  const last = r.logs.at(-1)?.metrics;
  return {
    seed: r.seed,
    status: r.status,
    ...(r.error === undefined ? {} : { error: r.error }),
    correctness: r.correctness,
    score: r.evaluation?.score ?? null,
    recovery: r.recovery,
    perDomain: r.evaluation?.perDomain ?? {},
    perDomainRecovery: r.perDomainRecovery,
    spent: r.spent,
    durations: r.durations,
    bundleSha256: r.bundleSha256,
    checkpointSha256: r.checkpointSha256,
    backend: r.backend,
    ledgerEntries: r.ledger.entries.length,
    ledgerVerified: r.ledger.verified,
    ...(last ? { lastLog: { ...last } } : {}),
    scoring: r.scoring,
    ...(curves ? { curves: compactCurves(r.curves) } : {}),
  };
}

export async function runMethod(request: MethodRunRequest): Promise<RunSummary> {
  const modelDir = resolve(request.modelDir);
  const result = await runElicitation({
    plugin: { source: await methodSource(request.method) },
    modelDir,
    track: request.track,
    budget: request.budget,
    seeds: request.seeds,
    params: request.params ?? {},
    limits: request.limits ?? {},
    parallel: request.parallel ?? 1,
    ...(request.hostModule ? { hostModule: request.hostModule } : {}),
    ...(request.onPhase ? { onPhase: request.onPhase } : {}),
  });
  const perSeed = result.runs.map((r) => toOutcome(r, { curves: request.curves ?? false }));
  const scored = perSeed.filter((o) => o.correctness !== null);
  const spent: Partial<Record<BudgetKind, number>> = {};
  for (const o of scored) {
    for (const [k, v] of Object.entries(o.spent ?? {}) as [BudgetKind, number][]) {
      spent[k] = (spent[k] ?? 0) + v / scored.length;
    }
  }
  return {
    method: request.method,
    task: result.task.id,
    taskVersion: result.task.version,
    track: request.track,
    budget: request.budget,
    model: modelDir,
    floor: result.bounds.floor,
    ceiling: result.bounds.ceiling,
    seeds: [...request.seeds],
    correctness: result.correctness.n ? result.correctness.mean : null,
    recovery: result.recovery.n ? result.recovery.mean : null,
    stderr: result.recovery.stderr,
    correctnessStderr: result.correctness.stderr,
    score: meanSe(scored.map((o) => o.score!)).mean,
    spent,
    failed: result.failed,
    bundleSha256: result.bundleSha256,
    perSeed,
  };
}
