// The locking pipeline's public face (@lockpick/bench/lock): recipes, passwords and decoys,
// the Eq. 1 dataset builder, `buildLock` / `verifyLock`, lock reports, the shipped reference
// set, and `buildTaskLocks` for the runner's build-locks job. See docs/locking.md.
export {
  parseRecipe,
  recipeSchema,
  type Recipe,
  type Architecture,
  type Acceptance,
  type DecoyConfig,
} from "./recipe";
export { namedRecipe, recipeNames, recipeFromOverrides, loadRecipe } from "./recipes";
export {
  BLANK,
  blankSlot,
  generateSecretPassword,
  passwordAlphabet,
  parseSlot,
  seededPassword,
  slotKey,
  type Slot,
} from "./password";
export { buildDecoys, decoyFamilies, type Decoy, type DecoyFamily, type DecoySet } from "./decoys";
export { buildLockExamples, slotPrompt, type LockExample, type Trigger } from "./lock-dataset";
export {
  attachWeakFromStages,
  buildLock,
  resolvePasswords,
  type BuildLockOptions,
  type BuildLockResult,
} from "./build-lock";
export { verifyLock, type VerifyLockOptions } from "./verify-lock";
export { auditLock, VALIDATION_SEED } from "./audit-lock";
export { judgeLock, redactReport, reportLine, type LockReport } from "./report";
export type { BruteForceResult, CandidateScore } from "./brute-force";
export type { ProgressEvent, ProgressSink } from "./progress";
export {
  attachWeakModel,
  loadModel,
  readLockManifest,
  readPasswordFile,
  readStoredReport,
  type LockManifest,
} from "./locked-model";
export { DEFAULT_VARIANT, MODELS_ROOT, referenceModelDir } from "./reference-models";
export { MIN_SHIPPED_LOCK_GAP, shippedLockSkipReason } from "./lock-gap";
export { buildTaskLocks, type BuiltLock, type TaskLocksRequest } from "./task-locks";
