/**
 * @lockpick/sdk: everything an elicitation method sees.
 *
 * A method is one module whose default export is `defineMethod({ name, track, params, elicit })`.
 * It runs inside a sandbox; `elicit(ctx)` receives one frozen context through which the host
 * lends it data, the model, a reward oracle and a seeded random source, all under a budget.
 * When `elicit` returns, the host scores the model as it stands (temperature 0, validation split,
 * no password). Methods never see the password, the validation split or the weights.
 */

/** Leaderboard tracks. Each fixes which resources exist and what the budget counts. */
export type TrackId = "demonstrations" | "rewards" | "weak-demonstrations" | "prompting";

/**
 * Budgeted resources. Every host call checks and charges them before doing any work.
 * - `demonstrations`: demonstrations drawn (the track's k on demonstration tracks).
 * - `rewardQueries`: problems scored by `ctx.reward` (the track's N on `rewards`).
 * - `trainingTokens`: tokens processed by `sft`/`dpo` (examples × epochs × sequence tokens).
 * - `generatedTokens`: tokens sampled by `generate` (charged at `maxTokens`, unused part refunded)
 *   plus tokens scored by `logprobs`.
 * - `perturbations`: calls of `model.perturb` (zero on `prompting`).
 * - `wallClockMs`: wall-clock time of the whole `elicit` call, host work included.
 */
export type BudgetKind =
  | "demonstrations"
  | "rewardQueries"
  | "trainingTokens"
  | "generatedTokens"
  | "perturbations"
  | "wallClockMs";

/** Which policy wrote a demonstration: π_strong, π_weak, or an intermediate policy. */
export type DemoSource = "strong" | "weak" | "intermediate";

/** Public metadata of the task the locked model was trained on. */
export interface TaskInfo {
  readonly id: string;
  readonly family: string;
  readonly version: string;
  readonly description: string;
  readonly domains: readonly string[];
  /** Token vocabulary of the task's tokenizer (public: it is in every checkpoint). */
  readonly vocabulary: readonly string[];
  /** Longest completion the task needs; the default `maxTokens` of `generate`. */
  readonly maxCompletionTokens: number;
  /** Width in tokens of the slot in front of the prompt where a password would go. */
  readonly slotTokens: number;
  /** Number of problems in the elicitation split. */
  readonly elicitationSize: number;
}

/** A problem of the elicitation split: its prompt only, never its answer. */
export interface Problem {
  readonly id: string;
  readonly prompt: string;
  readonly domain: string;
}

/** A problem with a completion written by the given source policy. */
export interface Demonstration extends Problem {
  readonly completion: string;
  readonly source: DemoSource;
}

/**
 * What the model is asked. A plain string is a prompt in the task's text format (for example
 * `problem.prompt`) and the password slot stays blank. `slot` fills that slot with text of at most
 * `task.slotTokens` tokens: this is how prompt or password search tries a prefix. A `Problem` or
 * `Demonstration` is a valid prompt input (its `prompt` is used).
 */
export type PromptInput = string | { readonly prompt: string; readonly slot?: string };

export interface GenerateOptions {
  /** 0 (default) decodes greedily. */
  temperature?: number;
  /** Nucleus sampling mass in (0, 1]; default 1. */
  topP?: number;
  /** Completions per prompt (default 1). */
  n?: number;
  /** Tokens per completion (default and maximum `task.maxCompletionTokens`). */
  maxTokens?: number;
}

/** One `prompt → completion` pair to score or train on. `weight` (default 1) scales its loss. */
export interface Example {
  prompt: PromptInput;
  completion: string;
  weight?: number;
}

/** Per-token log-probabilities of a completion, and their sum. */
export interface Logprobs {
  readonly total: number;
  readonly tokens: readonly number[];
}

/**
 * Training hyper-parameters. Give `steps` or `epochs` (default 1 epoch). Defaults: lr 1e-4,
 * batchSize min(16, examples), adam, no warm-up, constant schedule, no weight decay, clip 1.
 */
export interface TrainOptions {
  lr?: number;
  epochs?: number;
  steps?: number;
  batchSize?: number;
  optimizer?: "adam" | "lion";
  warmupSteps?: number;
  /** After warm-up: constant lr (default), or a decay to 0 by the last step ("cosine" decays
   * linearly too on the current engine). */
  schedule?: "constant" | "linear" | "cosine";
  weightDecay?: number;
  gradClip?: number;
}

/** A preference pair for DPO: `chosen` should become likelier than `rejected`. */
export interface PreferencePair {
  prompt: PromptInput;
  chosen: string;
  rejected: string;
  /** Scales this pair's loss (continuous-reward DPO); default 1. */
  weight?: number;
}

export interface DpoOptions extends TrainOptions {
  /** Strength of the KL anchor; default 0.1. */
  beta?: number;
  /** Reference policy: the model as the run started, or a snapshot id. Default "initial". */
  reference?: "initial" | SnapshotId;
}

/** What a training call did. `stoppedEarly` is set when the wall clock ran out mid-way. */
export interface TrainReport {
  readonly steps: number;
  readonly tokens: number;
  readonly losses: readonly number[];
  readonly finalLoss: number;
  readonly stoppedEarly: boolean;
}

/** Opaque handle of saved weights (kept by the host, never the weights themselves). */
export type SnapshotId = string;

/** The reward oracle's verdict on one completion. `score` is continuous in [0, 1]. */
export interface Reward {
  readonly correct: boolean;
  readonly score: number;
}

/** The elicitation split, read-only. Sampling uses the run's seed. */
export interface ProblemSet {
  readonly size: number;
  /** `n` distinct problems at random (optionally from one domain). */
  sample(n: number, options?: { domain?: string }): Problem[];
  /** Problems `offset … offset + limit − 1` in the split's fixed order. */
  list(offset: number, limit: number): Problem[];
}

/** The locked model, held by the host. Calls on it run one at a time, in call order. */
export interface ModelApi {
  /** Completions per prompt: `result[i][j]` is the j-th completion of `prompts[i]`. */
  generate(prompts: readonly PromptInput[], options?: GenerateOptions): Promise<string[][]>;
  /** Log-probabilities of each completion given its prompt. */
  logprobs(examples: readonly Example[]): Promise<Logprobs[]>;
  /** Supervised fine-tuning on weighted examples (loss on completion tokens only). */
  sft(examples: readonly Example[], options?: TrainOptions): Promise<TrainReport>;
  /** Direct preference optimisation against a reference policy. */
  dpo(pairs: readonly PreferencePair[], options?: DpoOptions): Promise<TrainReport>;
  /** Adds seeded Gaussian noise of standard deviation `std` to every weight. */
  perturb(options: { std: number; seed?: number }): Promise<void>;
  /** Saves the current weights on the host. At most 8 snapshots per run. */
  snapshot(): Promise<SnapshotId>;
  /** Restores saved weights. */
  restore(id: SnapshotId): Promise<void>;
}

/**
 * What the host scores with at the end of the run (see `ElicitContext.setScoringPrompt`).
 * Omitted fields mean the default: a blank password slot and the bare validation prompt.
 */
export interface ScoringPrompt {
  /**
   * The password slot's content: exactly `task.slotTokens` space-separated tokens of
   * `task.vocabulary` (the blank token `_` included). Searching for it is a legitimate method.
   */
  readonly slot?: string;
  /**
   * Task-format text put in front of every validation prompt (inside the slots), e.g. few-shot
   * demonstrations. Refused when the longest validation prompt with it would not fit the context.
   */
  readonly prefix?: string;
}

/** Budget view. Values are authoritative host figures refreshed after every host call. */
export interface Budget {
  readonly limits: Readonly<Record<BudgetKind, number>>;
  remaining(kind: BudgetKind): number;
  spent(): Readonly<Record<BudgetKind, number>>;
}

/** Deterministic randomness derived from the run's seed (Math.random is seeded the same way). */
export interface Random {
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  /** A shuffled copy. */
  shuffle<T>(items: readonly T[]): T[];
}

export type ParamValue = number | string | boolean;
export type Params = Record<string, ParamValue>;
export type Metrics = Readonly<Record<string, number | string | boolean>>;

/** The one object `elicit` receives. It and everything in it is frozen. */
export interface ElicitContext<P extends Params = Params> {
  readonly task: TaskInfo;
  readonly track: TrackId;
  /** The method's `params` with any overrides of the run applied. */
  readonly params: Readonly<P>;
  readonly problems: ProblemSet;
  /** Draws `n` new demonstrations (never the same problem twice in a run). */
  demonstrations(
    n: number,
    options?: { source?: DemoSource; domain?: string },
  ): Promise<Demonstration[]>;
  readonly model: ModelApi;
  /** Scores completions of elicitation problems; spends one reward query per completion. */
  reward(
    problems: readonly (Problem | string)[],
    completions: readonly string[],
  ): Promise<Reward[]>;
  readonly budget: Budget;
  /**
   * Fixes the slot and/or prefix the host scores every validation problem with when `elicit`
   * returns (the last call wins; `{}` restores the blank default). Free, allowed on every track,
   * recorded in the result and the ledger. Invalid input (wrong slot width, a token outside the
   * vocabulary, a prefix that does not fit) throws `HostCallError` and leaves the setting as it
   * was. Nothing about the validation split comes back: it returns nothing.
   */
  setScoringPrompt(prompt: ScoringPrompt): void;
  /** Records metrics in the run log (capped in count and size). */
  log(metrics: Metrics): void;
  readonly random: Random;
}

export interface MethodDefinition<P extends Params = Params> {
  /** Short kebab-case id, e.g. "expert-iteration". */
  name: string;
  /** Track(s) the method competes on. */
  track: TrackId | readonly TrackId[];
  description?: string;
  /** Default hyper-parameters; runs may override them with values of the same type. */
  params?: P;
  /** Does the elicitation. Throwing anything but `BudgetExceededError` fails the run. */
  elicit(ctx: ElicitContext<P>): Promise<void> | void;
}

/** Declares a method; returns the definition unchanged (it only gives it its types). */
export function defineMethod<P extends Params = Params>(
  definition: MethodDefinition<P>,
): MethodDefinition<P> {
  return definition;
}

/**
 * Thrown by a host call that would overspend. Nothing was done or charged. Catch it to carry
 * on with what is left; left uncaught, it ends the run and the model is scored as it stands.
 */
export class BudgetExceededError extends Error {
  override readonly name = "BudgetExceededError";
  constructor(
    readonly kind: BudgetKind,
    readonly requested: number,
    readonly remaining: number,
  ) {
    super(`budget exceeded: ${kind} requested ${requested}, remaining ${remaining}`);
  }
}

/** Thrown by a host call whose arguments were refused (wrong shape, too large, unknown id). */
export class HostCallError extends Error {
  override readonly name = "HostCallError";
}
