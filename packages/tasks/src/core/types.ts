import type { z } from "zod";
import type { SplitName } from "./splits";
import type { Vocabulary } from "./vocabulary";

/**
 * One problem. `prompt` is space-separated tokens WITHOUT the password slot (the lock pipeline
 * prepends a fixed-width slot). `hidden` holds what the evaluator and policies need; never show
 * it to an elicitation plugin (use `publicView`). Problems are plain JSON-serializable data.
 */
export interface Problem<Hidden = unknown> {
  /** Stable within a task configuration: `<stratum>.<index>`; `task.problem(id)` rebuilds it. */
  id: string;
  domain: string;
  prompt: string;
  hidden: Hidden;
}

/** What a sandboxed plugin may see of a problem. */
export interface PublicProblem {
  id: string;
  domain: string;
  prompt: string;
}

export interface Evaluation {
  /** The benchmark metric (correctness at temperature 0). */
  correct: boolean;
  /** A continuous reward in [0, 1] (paper Eq. 2); 1 whenever the completion is exactly π_strong's. */
  score: number;
}

/** A deterministic policy: a completion (space-separated tokens ending in `<eos>`). */
// Written as a method type so a Task of a specific problem type is assignable to Task<Problem>
// (methods are bivariant in their parameters; the registry holds families of every type).
export type Policy<P extends Problem = Problem> = {
  policy(problem: P): string;
}["policy"];

export interface Policies<P extends Problem = Problem> {
  /** Correct completions. */
  strong: Policy<P>;
  /** Deterministic, systematically worse (documented per family). */
  weak: Policy<P>;
  /** Between weak and strong, when the family defines one (paper B.3.2). */
  intermediate?: Policy<P>;
  /** Appendix G.2: a fixed random completion per problem, drawn from `fixedRdmDistribution`. */
  fixedrdm: Policy<P>;
}

/** The declarative part of a family: what it is, how it is versioned and split. */
export interface TaskSpec {
  id: string;
  /** `N-X`: results are comparable only while N is unchanged (N bumps on any change to generation, splits or evaluation). */
  version: string;
  title: string;
  description: string;
  evaluatorDescription: string;
  /** Domains for the generalization experiments (paper §5.2). */
  domains: readonly string[];
}

/** A family instantiated with one configuration: everything needed to train and evaluate. */
export interface Task<P extends Problem = Problem> extends TaskSpec {
  /** The resolved configuration (defaults applied). */
  readonly config: Readonly<Record<string, unknown>>;
  readonly vocab: Vocabulary;
  /** Longest prompt, in tokens, without the password slot. */
  readonly maxPromptTokens: number;
  /** Longest strong completion, in tokens, including `<eos>`. */
  readonly maxCompletionTokens: number;
  /** Context needed for `slots` password slots of `slotTokens` each plus prompt and completion. */
  contextLength(slotTokens: number, slots?: number): number;
  /** Number of distinct problems in the whole space (all splits). */
  readonly size: number;
  /** The blocks of the space; a problem id is `<stratum name>.<index below its size>`. */
  readonly strata: readonly { name: string; size: number }[];
  splitOf(problem: P | PublicProblem | string): SplitName | undefined;
  /** Rebuild a problem from its id (undefined for a malformed or out-of-range id). */
  problem(id: string): P | undefined;
  /**
   * Distinct problems of `split` in a seeded pseudo-random order (lazy, strata balanced); only
   * those of `domain` when given (paper §5.2). Unknown domains yield nothing.
   */
  iterate(split: SplitName, seed: number, domain?: string): Generator<P>;
  /** The first `n` problems of `iterate(split, seed, options.domain)` (fewer if the split is smaller). */
  sample(split: SplitName, n: number, seed: number, options?: { domain?: string }): P[];
  publicView(problem: P): PublicProblem;
  readonly policies: Policies<P>;
  /** G.2's fixed random distribution over vocabulary ids (0 on reserved tokens). */
  readonly fixedRdmDistribution: Float64Array;
  /** Score any output; never throws. */
  evaluate(problem: P, completion: string): Evaluation;
}

/** A registry entry: the spec, a zod config schema with defaults, and a factory. */
export interface TaskFamily<Config = unknown, P extends Problem = Problem> extends TaskSpec {
  configSchema: z.ZodType<Config>;
  defaultConfig: Config;
  /** Validate `config` (unknown keys rejected, defaults applied) and build the task. */
  create(config?: unknown): Task<P>;
}
