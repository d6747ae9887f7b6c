// One method on one locked model, track and budget, over several seeds: the unit the CLI's
// `run` and the reproduction share. Each seed is one harness run (its own sandbox child);
// seeds run `parallel` at a time. Scoring is the harness's; this only aggregates.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { ParamValue, TrackId } from "@lockpick/sdk";
import type { BudgetLimits } from "../harness/tracks";
import { builtinSource, isBuiltinMethod } from "../methods";
import { elicitSeed, type SeedPhase } from "./elicit-seed";
import { lockBounds } from "./lock-bounds";
import { pool } from "./pool";
import { summarize, type RunSummary, type SeedOutcome } from "./summarize";

export interface MethodRunRequest {
  /** `builtin:<id>` or a path to a plugin's TypeScript file. */
  method: string;
  track: TrackId;
  budget: number;
  seeds: readonly number[];
  /** Directory of a locked model (lock.json, lock-report.json, weights). */
  modelDir: string;
  params?: Record<string, ParamValue>;
  /** Overrides of the track's caps (local research only; the leaderboard never uses them). */
  limits?: Partial<BudgetLimits>;
  parallel?: number;
  /** Tests only: a host module (file URL exporting `createHost`) instead of the engine's. */
  hostModule?: string;
  onPhase?: (seed: number, phase: SeedPhase) => void;
  onSeed?: (outcome: SeedOutcome) => void;
}

export async function methodSource(method: string): Promise<string> {
  if (method.startsWith("builtin:")) {
    const id = method.slice("builtin:".length);
    if (!isBuiltinMethod(id)) throw new Error(`unknown built-in method "${id}"`);
    return builtinSource(id);
  }
  return readFile(resolve(method), "utf8");
}

export async function runMethod(request: MethodRunRequest): Promise<RunSummary> {
  const source = await methodSource(request.method);
  const modelDir = resolve(request.modelDir);
  const bounds = await lockBounds(modelDir);
  const outcomes = await pool(request.seeds, request.parallel ?? 1, async (seed) => {
    const outcome = await elicitSeed({
      source,
      modelDir,
      track: request.track,
      budget: request.budget,
      seed,
      params: request.params ?? {},
      limits: request.limits ?? {},
      bounds,
      ...(request.hostModule ? { hostModule: request.hostModule } : {}),
      onPhase: (phase) => request.onPhase?.(seed, phase),
    });
    request.onSeed?.(outcome);
    return outcome;
  });
  return summarize(
    {
      method: request.method,
      task: bounds.task,
      track: request.track,
      budget: request.budget,
      model: modelDir,
      floor: bounds.floor,
      ceiling: bounds.ceiling,
    },
    outcomes,
  );
}
