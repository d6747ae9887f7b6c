// Messages between the harness (parent) and the sandbox child process.
import type { ParamValue, TrackId } from "@lockpick/sdk";
import type { ProbePoint } from "../curves";
import type { ProbeOptions } from "../host-api";
import type { HostInfo, ScoringSpec } from "../model-host";
import type { LedgerEntry } from "../ledger";
import type { EvalSummary } from "../score";
import type { BudgetLimits } from "../tracks";
import type { IsolateLimits, MethodInfo } from "./run-isolate";

export interface SandboxRequest {
  /** The trusted prelude script (see bundle-prelude.ts), built by the parent. */
  prelude: string;
  /** `sourceMap` never leaves the parent: it maps the result's error (plugin-stack.ts). */
  bundle: { code: string; sha256: string; sourceMap?: string };
  /** Module (file URL) exporting `createHost: HostFactory`, and its options. */
  host: { module: string; options: unknown };
  track: TrackId;
  limits: BudgetLimits;
  seed: number;
  /** Overrides of the method's params (same keys and types). */
  params: Record<string, ParamValue>;
  isolate: IsolateLimits;
  /** Evaluate the final model (false in sandbox unit tests that only check containment). */
  evaluate: boolean;
  /** The learning-curve probe (absent: no probing). */
  probe?: ProbeOptions;
}

export type RunStatus = "completed" | "budget-exhausted" | "failed";

export interface SandboxResult {
  status: RunStatus;
  /** Why a run failed, or which budget ended it. */
  error?: string;
  method: MethodInfo | null;
  params: Record<string, ParamValue>;
  hostInfo: HostInfo | null;
  limits: BudgetLimits;
  spent: BudgetLimits | null;
  ledger: { genesis: string; entries: LedgerEntry[] };
  logs: { atMs: number; metrics: Record<string, number | string | boolean> }[];
  evaluation: EvalSummary | null;
  /** The slot/prefix the evaluation scored with (`ctx.setScoringPrompt`); null: the default. */
  scoring: ScoringSpec | null;
  /** Learning-curve probes (host-measured validation correctness), in time order. */
  probes: ProbePoint[];
  /** When `elicit` started, in the ledger's milliseconds (the curves' x = 0). */
  elicitStartMs: number;
  /** `probeMs`: learning-curve probes (start probe included; held off the wall clock). */
  durations: {
    loadMs: number;
    elicitMs: number;
    evaluateMs: number;
    probeMs: number;
    totalMs: number;
  };
  sandbox: { cpuMs: number; envNames: string[]; killed: boolean };
}

export type ChildMessage =
  | { type: "phase"; phase: "loading" | "eliciting" | "evaluating"; wallClockMs?: number }
  | { type: "result"; result: SandboxResult };

export type ParentMessage = { type: "run"; request: SandboxRequest };
