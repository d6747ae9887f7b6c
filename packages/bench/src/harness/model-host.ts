// The boundary between the harness and whatever holds the model. The host-side implementation
// of `ctx.model`, `ctx.demonstrations` and `ctx.reward` goes through this interface; the
// engine-backed implementation is `engine-model-host.ts`. Arguments arrive validated and
// already charged; a host method throws `HostInputError` for input it cannot use (a prompt with
// unknown symbols), which the plugin receives as a `HostCallError`.
import type {
  DemoSource,
  DpoOptions,
  Logprobs,
  Problem,
  Reward,
  TaskInfo,
  TrainOptions,
  TrainReport,
} from "@lockpick/sdk";

/** A prompt as the host receives it: task-format text and optional password-slot text. */
export interface PromptSpec {
  prompt: string;
  slot?: string;
}

/** What the final evaluation puts around each validation prompt (`ctx.setScoringPrompt`). */
export interface ScoringSpec {
  /** Exactly `task.slotTokens` vocabulary tokens (checked before the host sees it). */
  slot?: string;
  /** Task-format text in front of each validation prompt. */
  prefix?: string;
}

export interface ExampleSpec {
  prompt: PromptSpec;
  completion: string;
  weight: number;
}

export interface PairSpec {
  prompt: PromptSpec;
  chosen: string;
  rejected: string;
  weight: number;
}

/** Resolved schedule of a training call: the harness charges for exactly this work. */
export interface TrainPlan extends Required<Omit<TrainOptions, "epochs" | "steps">> {
  steps: number;
}

export interface DpoPlan extends TrainPlan {
  beta: number;
  reference: NonNullable<DpoOptions["reference"]>;
}

/** Host-side controls of one call: its randomness and the wall-clock deadline. */
export interface CallControl {
  seed: number;
  /** Clock value (Date.now) after which long work must stop between steps. */
  deadline: number;
}

/** Per-problem outcome of the final evaluation. */
export interface EvalItem {
  domain: string;
  correct: boolean;
  score: number;
}

export interface HostInfo {
  backend: string;
  checkpointSha256: string;
  taskVersion: string;
  /** The task config the host samples and scores problems of (the checkpoint's). */
  taskConfig?: Record<string, unknown>;
}

export interface ModelHost {
  readonly task: TaskInfo;
  readonly info: HostInfo;
  /** The `index`-th problem of the elicitation split (prompt only). */
  problem(index: number): Problem;
  /** Index of a problem id, or undefined when it is not an elicitation problem. */
  problemIndex(id: string): number | undefined;
  /**
   * Completions of the given elicitation problems written by a source policy ("weak": the
   * lock's π_weak model's greedy completions when it ships one, else the task's weak policy).
   */
  demonstrate(indices: readonly number[], source: DemoSource): Promise<string[]>;
  /** Number of tokens of a completion or prompt text; throws HostInputError on bad text. */
  countTokens(text: string): number;
  /** Tokens of one full training sequence (slot + prompt + completion). */
  sequenceTokens(prompt: PromptSpec, completion: string): number;
  generate(
    prompts: readonly PromptSpec[],
    options: { temperature: number; topP: number; n: number; maxTokens: number },
    control: CallControl,
  ): Promise<{ completions: string[][]; tokens: number }>;
  logprobs(examples: readonly ExampleSpec[], control: CallControl): Promise<Logprobs[]>;
  sft(
    examples: readonly ExampleSpec[],
    plan: TrainPlan,
    control: CallControl,
  ): Promise<TrainReport>;
  dpo(pairs: readonly PairSpec[], plan: DpoPlan, control: CallControl): Promise<TrainReport>;
  perturb(std: number, seed: number): Promise<void>;
  snapshot(): Promise<string>;
  restore(id: string): Promise<void>;
  /** Scores completions of elicitation problems with the task's evaluator. */
  reward(indices: readonly number[], completions: readonly string[]): Reward[];
  /**
   * Sets what `evaluate` scores with (null: blank slot, bare prompts). Throws HostInputError,
   * leaving the setting unchanged, when the prefix has unknown tokens or does not fit.
   */
  setScoring(spec: ScoringSpec | null): void;
  /**
   * Temperature-0 generation on the validation split with the scoring setting (default: blank
   * slot, bare prompts). Never bridged.
   */
  evaluate(): Promise<EvalItem[]>;
  /**
   * The same greedy scoring on the first `n` problems of the validation set: the learning-curve
   * probe. Host-only like `evaluate` (never bridged); it must not touch any seeded stream.
   */
  probe(n: number): Promise<EvalItem[]>;
  dispose(): void;
}

/** Input the host cannot use; reported to the plugin as a HostCallError with this message. */
export class HostInputError extends Error {
  override readonly name = "HostInputError";
}

/** Thrown by long host work that stopped because the wall clock ran out (nothing returned). */
export class DeadlineError extends Error {
  override readonly name = "DeadlineError";
  constructor() {
    super("the wall clock ran out during the call");
  }
}

/** What the sandbox child imports to build a host: `export const createHost: HostFactory`. */
export type HostFactory = (options: unknown, seed: number) => Promise<ModelHost>;
