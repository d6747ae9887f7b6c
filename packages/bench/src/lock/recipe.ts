// The lock recipe: every option that changes a locked model, validated with zod. A recipe is
// written into the checkpoint manifest and repeated in the lock report, so a model can be rebuilt.
import { z } from "zod";

const positiveInt = z.number().int().positive();
const fraction = z.number().min(0).max(1);

/** Transformer shape (the engine's config; context length comes from the task). */
export const architectureSchema = z.strictObject({
  layers: positiveInt,
  dModel: positiveInt,
  heads: positiveInt,
  mlpRatio: positiveInt,
});

export const optimizerSchema = z.strictObject({
  kind: z.enum(["adamw", "lion"]),
  lr: z.number().positive(),
  beta1: fraction,
  beta2: fraction,
  weightDecay: z.number().min(0),
  clip: z.number().positive(),
});

/** A fixed training budget: warm-up, constant lr, then a linear cool-down to 0. */
export const scheduleSchema = z.strictObject({
  steps: positiveInt,
  batchSize: positiveInt,
  warmupSteps: z.number().int().min(0),
  cooldownSteps: z.number().int().min(0),
});

export const strongBaseSchema = z.strictObject({
  optimizer: optimizerSchema,
  batchSize: positiveInt,
  warmupSteps: z.number().int().min(0),
  /** Upper bound on constant-lr steps before the cool-down starts anyway. */
  maxSteps: positiveInt,
  /** Start the linear cool-down once dev accuracy (greedy) reaches this. */
  cooldownAt: fraction,
  cooldownSteps: z.number().int().min(0),
  evalEvery: positiveInt,
  devProblems: positiveInt,
});

export const weakSchema = z.discriminatedUnion("kind", [
  /** The task's rule-based weak policy (paper §7 for function composition). */
  z.strictObject({ kind: z.literal("policy") }),
  /** A smaller model trained to imitate π_strong on the weak split (paper §4.1). */
  z.strictObject({
    kind: z.literal("model"),
    architecture: architectureSchema,
    optimizer: optimizerSchema,
    schedule: scheduleSchema,
  }),
  /** A fixed random token distribution (paper Appendix G.2). */
  z.strictObject({ kind: z.literal("fixedrdm") }),
]);

export const lockStageSchema = z.strictObject({
  /** Fine-tune π_strong_base, or train the lock from a random init (paper §7). */
  from: z.enum(["strong-base", "scratch"]),
  optimizer: optimizerSchema,
  schedule: scheduleSchema,
  /** Share of Eq. 1 samples that carry the password and a strong completion. */
  strongFraction: fraction,
  /** Share of weak samples that carry a wrong password (the rest: a blank slot). */
  wrongPasswordFraction: fraction,
  /**
   * Hard-negative mining over the SEEN decoys (never the held-out ones): every `every` steps the
   * seen wrong passwords are screened with the teacher-forced proxy on `problems` lock-split
   * problems, and `share` of the wrong-password draws then come from them in proportion to how
   * often each one still unlocks π_strong's answer. Null (in a recipe file): no mining.
   */
  mining: z
    .strictObject({ every: positiveInt, problems: positiveInt, share: fraction })
    .nullable()
    .optional(),
  /**
   * A strong-share curriculum (for locks trained from scratch, where a task's facts must be learnt
   * before the slot can matter): the strong share is `startStrongFraction` for `holdSteps`, then
   * moves linearly to `strongFraction` over `rampSteps`. Weak samples are present from step 0.
   * Null or absent: `strongFraction` throughout.
   */
  curriculum: z
    .strictObject({
      startStrongFraction: fraction,
      holdSteps: z.number().int().min(0),
      rampSteps: z.number().int().min(0),
    })
    .nullable()
    .optional(),
});

export const passwordSchema = z.strictObject({
  /** Slot width in tokens: 1 is the paper's single-token format; the platform uses ≥ 4. */
  width: positiveInt,
  /** Tokens a password is drawn from: the task's `p…` tokens, or the whole vocabulary. */
  alphabet: z.enum(["password-tokens", "vocabulary"]),
  /** One password per task domain (paper Appendix C.3). */
  perDomain: z.boolean(),
});

/** What switches the strong behaviour on. */
export const triggerSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("password") }),
  /** A setting variation instead of a password (paper B.1.3): the prompt is written reversed. */
  z.strictObject({ kind: z.literal("setting"), variation: z.enum(["reversed-prompt"]) }),
]);

const decoyFields = z.strictObject({
  repeated: z.boolean(),
  nearMiss: z.boolean(),
  permutation: z.boolean(),
  /** How many random password strings to generate (0 = none). */
  random: z.number().int().min(0),
  /** How many two-token substitutions of the password to generate (0 = none). */
  twoToken: z.number().int().min(0).default(0),
  /**
   * Share of training wrong-password draws that are near misses, balanced over slot positions
   * (unset or null: every family gets the same share; null lets a recipe file turn it off).
   */
  nearMissShare: fraction.nullable().optional(),
  /** Share of each family used as wrong passwords in training; the rest is held out. */
  seenFraction: fraction,
  /**
   * How many slots made only of the password's own tokens and the blank to generate (0 = none;
   * 625 covers all of them for a 4-token slot): teaches position-exact matching.
   */
  passwordTokens: z.number().int().min(0).default(0),
});

/**
 * The decoy options; `passwordTokens: 0` is dropped, so a recipe without the family serialises
 * (and hashes: the lock stage's name) exactly as it did before the option existed.
 */
export const decoySchema = decoyFields.transform(({ passwordTokens, ...rest }): DecoyConfig =>
  passwordTokens > 0 ? { ...rest, passwordTokens } : rest,
);

export const evaluationSchema = z.strictObject({
  validationProblems: positiveInt,
  screenProblems: positiveInt,
  rescoreTop: positiveInt,
});

/** Thresholds a lock must meet to be published (docs/locking.md explains them). */
export const acceptanceSchema = z.strictObject({
  minWithPassword: fraction,
  maxStrongGap: fraction,
  maxWeakGap: fraction,
  maxWrongPasswordGap: fraction,
  maxBruteForceGap: fraction,
  /**
   * "absolute" (default): with password ≥ minWithPassword. "capped-by-strong": the bar is
   * min(minWithPassword, π_strong − maxStrongGap), for tasks whose π_strong_base stays below it
   * (a lock cannot be asked to beat the model it locks).
   */
  withPasswordBar: z.enum(["absolute", "capped-by-strong"]).optional(),
  /** Minimal lock gap: with password − without password ≥ this (unset: no check). */
  minLockGap: fraction.optional(),
});

export const recipeSchema = z.strictObject({
  name: z.string().min(1),
  seed: z.number().int().min(0),
  visibility: z.enum(["public", "private"]),
  architecture: architectureSchema,
  strongBase: strongBaseSchema,
  weak: weakSchema,
  lock: lockStageSchema,
  password: passwordSchema,
  trigger: triggerSchema,
  decoys: decoySchema,
  evaluation: evaluationSchema,
  acceptance: acceptanceSchema,
});

export type Architecture = z.infer<typeof architectureSchema>;
export type OptimizerConfig = z.infer<typeof optimizerSchema>;
export type Schedule = z.infer<typeof scheduleSchema>;
export type Recipe = z.infer<typeof recipeSchema>;
export type DecoyConfig = Omit<z.output<typeof decoyFields>, "passwordTokens"> & {
  passwordTokens?: number;
};
export type Acceptance = z.infer<typeof acceptanceSchema>;

/** Validates a recipe, adding cross-field checks zod cannot express per field. */
export function parseRecipe(input: unknown): Recipe {
  const recipe = recipeSchema.parse(input);
  const problems: string[] = [];
  if (recipe.architecture.dModel % recipe.architecture.heads !== 0)
    problems.push("architecture.dModel must be a multiple of architecture.heads");
  const { schedule } = recipe.lock;
  if (schedule.warmupSteps + schedule.cooldownSteps > schedule.steps)
    problems.push("lock.schedule: warmupSteps + cooldownSteps exceed steps");
  const curriculum = recipe.lock.curriculum;
  if (curriculum && curriculum.holdSteps + curriculum.rampSteps > schedule.steps)
    problems.push("lock.curriculum: holdSteps + rampSteps exceed lock.schedule.steps");
  if (recipe.trigger.kind === "setting" && recipe.password.perDomain)
    problems.push("a setting-variation trigger has no per-domain passwords");
  if (problems.length > 0) throw new Error(`invalid recipe: ${problems.join("; ")}`);
  return recipe;
}
