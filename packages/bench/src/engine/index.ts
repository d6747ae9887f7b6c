// The engine's public face (@lockpick/bench/engine): model, training, decoding, checkpoints,
// backends and the worker pool. Everything else in this folder is internal.
export {
  initBackend,
  backendInfo,
  BACKEND_ORDER,
  type BackendName,
  type BackendInfo,
} from "./backend";
export {
  createModel,
  modelFromValues,
  disposeModel,
  forward,
  parameterShapes,
  parameterCount,
  modelConfigSchema,
  type Model,
  type ModelConfig,
  type ModelConfigInput,
  type KvCache,
  type ForwardOptions,
  type ForwardResult,
} from "./model";
export {
  WordTokenizer,
  tokenizerSpecSchema,
  PAD,
  EOS,
  type Tokenizer,
  type TokenizerSpec,
} from "./tokenizer";
export {
  buildBatch,
  buildPairBatch,
  lmLoss,
  dpoLoss,
  tokenLogprobs,
  sequenceLogprobs,
  type Example,
  type PreferencePair,
  type SpecialTokens,
  type Batch,
} from "./loss";
export {
  createOptimizer,
  clipByGlobalNorm,
  flattenGradients,
  learningRate,
  optimizerConfigSchema,
  type Optimizer,
  type OptimizerConfig,
  type OptimizerConfigInput,
  type Gradients,
  type Schedule,
} from "./optim";
export {
  train,
  trainDpo,
  trainStep,
  computeGradients,
  pairLogprobs,
  batchOrder,
  runSteps,
  trainLoop,
  localSteps,
  type TrainOptions,
  type TrainProgress,
  type TrainResult,
  type DpoOptions,
  type StepResult,
  type StepSource,
  type StepSession,
  type StepPlan,
  type TrainBatch,
} from "./train";
export {
  generate,
  logprobs,
  type GenerateOptions,
  type Sample,
  type CompletionLogprobs,
} from "./generate";
export { createRng, deriveSeed, type Rng } from "./random";
export {
  saveCheckpoint,
  loadCheckpoint,
  readCheckpointManifest,
  CheckpointError,
  lockpickManifestSchema,
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  type CheckpointErrorCode,
  type CheckpointInfo,
  type LoadExpectations,
  type LockpickManifest,
} from "./checkpoint";
export {
  exportSafetensors,
  readSafetensors,
  encodeSafetensors,
  decodeSafetensors,
  type SafeTensor,
} from "./safetensors";
export {
  snapshot,
  restore,
  cloneModel,
  perturb,
  type WeightSnapshot,
  type PerturbOptions,
} from "./weights";
export { WorkerPool, type WorkerPoolOptions, type Job } from "./worker-pool";
export {
  DataParallelTrainer,
  trainDataParallel,
  modelWeights,
  type DataParallelOptions,
  type DataParallelStep,
} from "./data-parallel";
export {
  enableNativeKernels,
  disableNativeKernels,
  nativeKernelsStatus,
  type NativeKernelsStatus,
} from "./native/enable-native-kernels";
