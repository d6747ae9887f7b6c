// @lockpick/bench/harness: run elicitation methods in the sandbox and score them.
export {
  runElicitation,
  ENGINE_HOST_MODULE,
  DEFAULT_ISOLATE,
  type ElicitationRequest,
  type ElicitationResult,
  type RunRecord,
} from "./run-elicitation";
export {
  bundlePlugin,
  PluginBundleError,
  SDK_MODULE,
  type PluginBundle,
  type PluginDiagnostic,
} from "./bundle-plugin";
export { typecheckPlugin, type TypeDiagnostic } from "./typecheck-plugin";
export {
  TRACKS,
  TRACK_IDS,
  BUDGET_KINDS,
  resolveLimits,
  type BudgetLimits,
  type TrackSpec,
} from "./tracks";
export {
  verifyLedger,
  ledgerGenesis,
  type LedgerEntry,
  type LedgerOutcome,
  type LedgerVerdict,
} from "./ledger";
export {
  meanStderr,
  recovery,
  summarizeEvaluation,
  type EvalSummary,
  type MeanStderr,
  type Rates,
} from "./score";
export { lockReportTaskConfig, readLockBounds, type LockBounds } from "./lock-bounds";
export type { RunStatus, SandboxResult } from "./sandbox/protocol";
export type { IsolateLimits, MethodInfo } from "./sandbox/run-isolate";
export type { WatchdogLimits } from "./sandbox/spawn-sandbox";
