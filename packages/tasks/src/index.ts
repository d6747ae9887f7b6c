// @lockpick/tasks: task families (generators, splits, policies, evaluators). Pure: no engine,
// no database. See docs/tasks.md.
export type {
  Evaluation,
  Policies,
  Policy,
  Problem,
  PublicProblem,
  Task,
  TaskFamily,
  TaskSpec,
} from "./core/types";
export { SPLIT_NAMES, SPLIT_PERCENT, isSplitName, type SplitName } from "./core/splits";
export {
  BLANK,
  BOS,
  EOS,
  PAD,
  PASSWORD_TOKENS,
  RESERVED_TOKENS,
  SPECIAL_TOKENS,
  UNK,
  Vocabulary,
  splitTokens,
} from "./core/vocabulary";
export { readCompletion, type ReadCompletion } from "./core/completion";
export { Rng, hashInts, hashString } from "./core/random";
export {
  createTask,
  getTaskFamily,
  hasTaskFamily,
  listTaskFamilies,
  taskConfigNote,
} from "./registry";
export {
  configInstance,
  resolveTaskConfig,
  sameTaskConfig,
  type ConfigInstance,
} from "./core/config-instance";
export {
  comparableVersions,
  taskVersionSchema,
  versionMajor,
  versionMismatch,
} from "./core/version";
export {
  functionComposition,
  functionCompositionVocab,
  type FunctionCompositionHidden,
  type FunctionCompositionProblem,
} from "./families/function-composition/function-composition";
export type { FunctionCompositionConfig } from "./families/function-composition/spec";
export {
  arithmetic,
  arithmeticVocab,
  type ArithmeticHidden,
  type ArithmeticProblem,
} from "./families/arithmetic/arithmetic";
export type { ArithmeticConfig, Operation } from "./families/arithmetic/spec";
export {
  multipleChoice,
  multipleChoiceVocab,
  type MultipleChoiceHidden,
  type MultipleChoiceProblem,
} from "./families/multiple-choice/multiple-choice";
export type { Category, MultipleChoiceConfig } from "./families/multiple-choice/spec";
export {
  programSynthesis,
  type IoPair,
  type ProgramSynthesisHidden,
  type ProgramSynthesisProblem,
} from "./families/program-synthesis/program-synthesis";
export type { ProgramSynthesisConfig } from "./families/program-synthesis/spec";
export { dslVocab } from "./dsl/dsl-vocab";
export {
  DEFAULT_LIMITS,
  parseProgram,
  renderProgram,
  run as runProgram,
  type Limits,
  type Line,
  type Program,
  type RunResult,
} from "./dsl/list-dsl";
export {
  codeCritique,
  type CodeCritiqueHidden,
  type CodeCritiqueProblem,
} from "./families/code-critique/code-critique";
export type { CodeCritiqueConfig, Fault } from "./families/code-critique/spec";
