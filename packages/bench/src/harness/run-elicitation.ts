// The harness's entry point for the runner, the CLI and the reproduction: one method on one
// locked model, track and budget, over seeds. Each seed is one sandbox child; the result of
// each records everything needed to audit and compare it, and the seeds are aggregated as
// mean ± standard error. Recovery uses the lock report's floor and ceiling.
import type { ParamValue, TrackId } from "@lockpick/sdk";
import { bundlePlugin, type PluginBundle } from "./bundle-plugin";
import { bundlePrelude } from "./bundle-prelude";
import { buildCurves, type Curves } from "./curves";
import { DEFAULT_PROBE, type ProbeOptions } from "./host-api";
import { verifyLedger, type LedgerEntry } from "./ledger";
import { readLockBounds, type LockBounds } from "./lock-bounds";
import type { SandboxResult } from "./sandbox/protocol";
import type { IsolateLimits, MethodInfo } from "./sandbox/run-isolate";
import { DEFAULT_WATCHDOG, runSandbox, type WatchdogLimits } from "./sandbox/spawn-sandbox";
import { meanStderr, recovery, type EvalSummary, type MeanStderr } from "./score";
import { resolveLimits, type BudgetLimits } from "./tracks";

export const ENGINE_HOST_MODULE = new URL("./engine-model-host.ts", import.meta.url).href;
export const DEFAULT_ISOLATE: IsolateLimits = { memoryMb: 256, cpuMs: 120_000 };

export interface ElicitationRequest {
  /** Plugin TypeScript source, or an already bundled plugin. */
  plugin: { source: string } | { bundle: PluginBundle };
  /** Directory of a locked model (checkpoint + lock-report.json). */
  modelDir: string;
  track: TrackId;
  /** The track's primary budget (k demonstrations, N reward queries, generated tokens). */
  budget: number;
  /** Default [1, 2, 3]. */
  seeds?: readonly number[];
  params?: Record<string, ParamValue>;
  /** Overrides of the track's caps (local research; leaderboard runs use none). */
  limits?: Partial<BudgetLimits>;
  isolate?: Partial<IsolateLimits>;
  watchdog?: Partial<WatchdogLimits>;
  /** Options of the engine host (backend, validationProblems, poolSize). */
  hostOptions?: Record<string, unknown>;
  /** Another host module (file URL exporting `createHost`); tests of the sandbox only. */
  hostModule?: string;
  /** The learning-curve probe (default `DEFAULT_PROBE`: 128 problems, ≤ 10 % of the time); false: none. */
  probe?: Partial<ProbeOptions> | false;
  /** Seeds run this many at a time (default 1; one training job per core). */
  parallel?: number;
  onPhase?: (seed: number, phase: string) => void;
}

export interface RunRecord {
  seed: number;
  status: SandboxResult["status"];
  error?: string;
  method: MethodInfo | null;
  params: Record<string, ParamValue>;
  track: TrackId;
  budget: number;
  limits: BudgetLimits;
  spent: BudgetLimits | null;
  /** `config`: the task config the run's problems and scoring came from (the checkpoint's). */
  task: { id: string; version: string; config?: Record<string, unknown> };
  checkpointSha256: string | null;
  bundleSha256: string;
  backend: string | null;
  evaluation: EvalSummary | null;
  /**
   * What the evaluation scored with when the method fixed it (`ctx.setScoringPrompt`): part of
   * the reproducibility record. null: blank slot and bare prompts.
   */
  scoring: SandboxResult["scoring"];
  correctness: number | null;
  recovery: number | null;
  perDomainRecovery: Record<string, number>;
  durations: SandboxResult["durations"];
  /**
   * Learning curves (x = seconds since elicit started): `spent.<kind>`, `log.<metric>`,
   * `probe.correctness`, `probe.score` — see docs/harness.md.
   */
  curves: Curves;
  ledger: { genesis: string; entries: LedgerEntry[]; verified: boolean };
  logs: SandboxResult["logs"];
}

export interface ElicitationResult {
  task: { id: string; version: string };
  track: TrackId;
  budget: number;
  bundleSha256: string;
  bounds: LockBounds;
  runs: RunRecord[];
  /** Over scored runs (completed or budget-exhausted); failed runs are counted apart. */
  correctness: MeanStderr;
  score: MeanStderr;
  recovery: MeanStderr;
  failed: number;
}

async function runSeeds<T>(
  seeds: readonly number[],
  parallel: number,
  work: (s: number) => Promise<T>,
) {
  const out: T[] = new Array(seeds.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < seeds.length; i = next++) out[i] = await work(seeds[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, seeds.length) }, worker));
  return out;
}

export async function runElicitation(request: ElicitationRequest): Promise<ElicitationResult> {
  const bundle =
    "bundle" in request.plugin ? request.plugin.bundle : await bundlePlugin(request.plugin.source);
  const bounds = await readLockBounds(request.modelDir);
  const prelude = await bundlePrelude();
  const limits = resolveLimits(request.track, request.budget, request.limits);
  const seeds = request.seeds ?? [1, 2, 3];
  const runs = await runSeeds(seeds, request.parallel ?? 1, async (seed): Promise<RunRecord> => {
    const result = await runSandbox(
      {
        prelude,
        bundle,
        host: {
          module: request.hostModule ?? ENGINE_HOST_MODULE,
          options: { modelDir: request.modelDir, ...request.hostOptions },
        },
        track: request.track,
        limits,
        seed,
        params: request.params ?? {},
        isolate: { ...DEFAULT_ISOLATE, ...request.isolate },
        evaluate: true,
        ...(request.probe === false ? {} : { probe: { ...DEFAULT_PROBE, ...request.probe } }),
      },
      { ...DEFAULT_WATCHDOG, ...request.watchdog },
      (phase) => request.onPhase?.(seed, phase),
    );
    const e = result.evaluation;
    const perDomainRecovery: Record<string, number> = {};
    for (const [domain, rates] of Object.entries(e?.perDomain ?? {})) {
      const b = bounds.perDomain[domain];
      if (b && b.ceiling > b.floor) perDomainRecovery[domain] = recovery(rates.correctness, b);
    }
    return {
      seed,
      status: result.status,
      ...(result.error === undefined ? {} : { error: result.error }),
      method: result.method,
      params: result.params,
      track: request.track,
      budget: request.budget,
      limits,
      spent: result.spent,
      task: {
        id: bounds.task,
        version: result.hostInfo?.taskVersion ?? bounds.taskVersion,
        ...(result.hostInfo?.taskConfig && { config: result.hostInfo.taskConfig }),
      },
      checkpointSha256: result.hostInfo?.checkpointSha256 ?? null,
      bundleSha256: bundle.sha256,
      backend: result.hostInfo?.backend ?? null,
      evaluation: e,
      scoring: result.scoring,
      correctness: e ? e.correctness : null,
      recovery: e && bounds.ceiling > bounds.floor ? recovery(e.correctness, bounds) : null,
      perDomainRecovery,
      durations: result.durations,
      curves: buildCurves({
        ledger: result.ledger.entries,
        logs: result.logs,
        probes: result.probes,
        elicitStartMs: result.elicitStartMs,
      }),
      ledger: {
        ...result.ledger,
        verified: verifyLedger(result.ledger.entries, result.ledger.genesis).ok,
      },
      logs: result.logs,
    };
  });
  const scored = runs.filter((r) => r.evaluation !== null);
  return {
    task: { id: bounds.task, version: bounds.taskVersion },
    track: request.track,
    budget: request.budget,
    bundleSha256: bundle.sha256,
    bounds,
    runs,
    correctness: meanStderr(scored.map((r) => r.correctness!)),
    score: meanStderr(scored.map((r) => r.evaluation!.score)),
    recovery: meanStderr(scored.flatMap((r) => (r.recovery === null ? [] : [r.recovery]))),
    failed: runs.length - scored.length,
  };
}
