// One seed of one method run, through the harness (bundle → sandbox child → score). The result
// is reduced to what the CLI and the reproduction report; recovery uses the lock's bounds.
import type { ParamValue, TrackId } from "@lockpick/sdk";
import { bundlePlugin } from "../harness/bundle-plugin";
import { bundlePrelude } from "../harness/bundle-prelude";
import { recovery } from "../harness/score";
import { runSandbox } from "../harness/sandbox/spawn-sandbox";
import { resolveLimits, type BudgetLimits } from "../harness/tracks";
import type { LockBoundsInfo } from "./lock-bounds";
import type { SeedOutcome } from "./summarize";

export type SeedPhase = "loading" | "eliciting" | "evaluating" | "done";

export interface SeedRequest {
  source: string;
  modelDir: string;
  track: TrackId;
  budget: number;
  seed: number;
  params: Record<string, ParamValue>;
  limits: Partial<BudgetLimits>;
  bounds: LockBoundsInfo;
  onPhase?: (phase: SeedPhase) => void;
  /** Host module override (tests): a file URL exporting `createHost`. */
  hostModule?: string;
}

const ENGINE_HOST = new URL("../harness/engine-model-host.ts", import.meta.url).href;

export async function elicitSeed(r: SeedRequest): Promise<SeedOutcome> {
  const bundle = await bundlePlugin(r.source);
  const result = await runSandbox(
    {
      prelude: await bundlePrelude(),
      bundle,
      host: { module: r.hostModule ?? ENGINE_HOST, options: { modelDir: r.modelDir } },
      track: r.track,
      limits: resolveLimits(r.track, r.budget, r.limits),
      seed: r.seed,
      params: r.params,
      isolate: { memoryMb: 256, cpuMs: 120_000 },
      evaluate: true,
    },
    undefined,
    (phase) => r.onPhase?.(phase as SeedPhase),
  );
  r.onPhase?.("done");
  const e = result.evaluation;
  const last = result.logs.at(-1)?.metrics;
  return {
    seed: r.seed,
    status: result.status,
    ...(result.error === undefined ? {} : { error: result.error }),
    correctness: e ? e.correctness : null,
    score: e ? e.score : null,
    recovery: e ? recovery(e.correctness, r.bounds) : null,
    perDomain: e ? e.perDomain : {},
    spent: result.spent,
    durations: result.durations,
    pluginSha256: bundle.sha256,
    ...(result.hostInfo
      ? { checkpointSha256: result.hostInfo.checkpointSha256, backend: result.hostInfo.backend }
      : {}),
    ...(last ? { lastLog: { ...last } } : {}),
  };
}
