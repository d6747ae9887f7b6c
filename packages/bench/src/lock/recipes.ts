// Named recipes (the reference set's) and recipe files: `{ "extends": "<name>", …overrides }`.
import { readFile } from "node:fs/promises";
import { parseRecipe, type Recipe } from "./recipe";

const adamw = (lr: number) =>
  ({ kind: "adamw", lr, beta1: 0.9, beta2: 0.98, weightDecay: 0.01, clip: 1 }) as const;

/**
 * The fine-tuning lock of the first shipped set (1,000 + 100, family-uniform decoy draws). Every
 * lock built from it leaked to held-out one-token near misses (docs/locking.md); the other
 * first-set recipes (ft-short, ft-audited, ft-long, scratch) extend it so their shipped
 * checkpoints keep the recipe they were built with.
 */
const firstSet: Recipe = {
  name: "ft-first-set",
  seed: 1,
  visibility: "public",
  architecture: { layers: 2, dModel: 128, heads: 4, mlpRatio: 4 },
  strongBase: {
    optimizer: adamw(1e-3),
    batchSize: 64,
    warmupSteps: 200,
    maxSteps: 2000,
    cooldownAt: 0.965,
    cooldownSteps: 300,
    evalEvery: 200,
    devProblems: 256,
  },
  weak: { kind: "policy" },
  lock: {
    from: "strong-base",
    optimizer: adamw(3e-4),
    schedule: { steps: 1100, batchSize: 64, warmupSteps: 0, cooldownSteps: 100 },
    strongFraction: 0.5,
    wrongPasswordFraction: 0.8,
  },
  password: { width: 4, alphabet: "password-tokens", perDomain: false },
  trigger: { kind: "password" },
  decoys: {
    repeated: true,
    nearMiss: true,
    permutation: true,
    random: 200,
    twoToken: 0,
    seenFraction: 0.5,
  },
  evaluation: { validationProblems: 1000, screenProblems: 100, rescoreTop: 5 },
  acceptance: {
    minWithPassword: 0.9,
    maxStrongGap: 0.05,
    maxWeakGap: 0.05,
    maxWrongPasswordGap: 0.1,
    maxBruteForceGap: 0.1,
  },
};

/**
 * The default fine-tuning lock: 2,000 + 200 steps; half of the wrong-password draws near misses
 * balanced over slot positions, 400 two-token substitutions among the decoys, 80% of every decoy
 * family seen in training (20% held out for the audit), and every 100 steps the seen decoys that
 * still unlock π_strong get half of the wrong-password draws (hard-negative mining, seen decoys
 * only). The first lock built here that passes the brute-force bar (docs/tasks.md, "Lock
 * reports"): the same recipe at 1,400 + 140 (`ft-1540`) leaks one held-out near miss to 45%.
 */
const ftMined1540: Recipe = {
  ...firstSet,
  name: "ft-1540",
  lock: {
    ...firstSet.lock,
    schedule: { steps: 1540, batchSize: 64, warmupSteps: 0, cooldownSteps: 140 },
    mining: { every: 100, problems: 8, share: 0.5 },
  },
  decoys: { ...firstSet.decoys, twoToken: 400, nearMissShare: 0.5, seenFraction: 0.8 },
};

const ftDefault: Recipe = {
  ...ftMined1540,
  name: "ft-default",
  lock: {
    ...ftMined1540.lock,
    schedule: { steps: 2200, batchSize: 64, warmupSteps: 0, cooldownSteps: 200 },
  },
};

/** A first-set lock trained from a random init (no π_strong base) with the given budget. */
const fromScratch = (name: string, schedule: Recipe["lock"]["schedule"]): Recipe => ({
  ...firstSet,
  name,
  lock: { ...firstSet.lock, from: "scratch", optimizer: adamw(1e-3), schedule },
});

const named: Record<string, Recipe> = {
  "ft-default": ftDefault,
  /**
   * The default until 2026-11-27 (its shipped checkpoint's manifest still names it
   * "ft-default"): the same recipe at 1,400 + 140; one held-out near miss unlocks 45%.
   */
  "ft-1540": ftMined1540,
  /** The reference's minimal lock (500 + 50): holds with/without password, leaks to near misses. */
  "ft-short": {
    ...firstSet,
    name: "ft-short",
    lock: {
      ...firstSet.lock,
      schedule: { steps: 550, batchSize: 64, warmupSteps: 0, cooldownSteps: 50 },
    },
  },
  /** REFERENCE-RESULTS' audited lock: fixed 1,400 + 140 cool-down survived a 523-candidate audit. */
  "ft-audited": {
    ...firstSet,
    name: "ft-audited",
    lock: {
      ...firstSet.lock,
      schedule: { steps: 1540, batchSize: 64, warmupSteps: 0, cooldownSteps: 140 },
    },
  },
  /** A longer fine-tuning lock (2,000 + 200), the reference's second audited recipe. */
  "ft-long": {
    ...firstSet,
    name: "ft-long",
    lock: {
      ...firstSet.lock,
      schedule: { steps: 2200, batchSize: 64, warmupSteps: 0, cooldownSteps: 200 },
    },
  },
  /**
   * Locked from a random init on Eq. 1 data (paper §7). REFERENCE-RESULTS needed ~8,000 steps at
   * batch 128 to reach 1.00 / 0.25; this budget (2,500 at batch 64) is what fit the shared
   * machine, so expect a weaker ceiling (docs/locking.md).
   */
  scratch: fromScratch("scratch", {
    steps: 2500,
    batchSize: 64,
    warmupSteps: 200,
    cooldownSteps: 250,
  }),
  /** The reference's from-scratch budget that reached 1.00 / 0.25 (8,000 steps at batch 128). */
  "scratch-long": fromScratch("scratch-long", {
    steps: 8000,
    batchSize: 128,
    warmupSteps: 200,
    cooldownSteps: 1000,
  }),
  /** The paper's own format: one password token in a one-token slot. */
  "single-token": {
    ...ftDefault,
    name: "single-token",
    password: { ...ftDefault.password, width: 1 },
  },
  /** A seconds-long configuration for tests and smoke runs. */
  tiny: {
    ...ftDefault,
    name: "tiny",
    architecture: { layers: 1, dModel: 32, heads: 2, mlpRatio: 2 },
    strongBase: {
      ...ftDefault.strongBase,
      optimizer: adamw(3e-3),
      batchSize: 32,
      warmupSteps: 20,
      maxSteps: 300,
      cooldownSteps: 50,
      evalEvery: 100,
      devProblems: 64,
    },
    lock: {
      ...ftDefault.lock,
      optimizer: adamw(2e-3),
      schedule: { steps: 300, batchSize: 32, warmupSteps: 0, cooldownSteps: 30 },
    },
    decoys: { ...ftDefault.decoys, random: 20, twoToken: 40 },
    evaluation: { validationProblems: 128, screenProblems: 32, rescoreTop: 2 },
  },
};

export const recipeNames = Object.keys(named);

/** A named recipe (validated copy). */
export function namedRecipe(name: string): Recipe {
  const recipe = named[name];
  if (!recipe) throw new Error(`unknown recipe "${name}" (known: ${recipeNames.join(", ")})`);
  return parseRecipe(structuredClone(recipe));
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Deep merge of plain objects; arrays and scalars in `over` replace those in `base`. */
export function mergeDeep(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = mergeDeep(base[key], value);
  return out;
}

/** A recipe from overrides on a named base (`extends`, default "ft-default"). */
export function recipeFromOverrides(overrides: Record<string, unknown>): Recipe {
  const { extends: base = "ft-default", ...rest } = overrides;
  if (typeof base !== "string") throw new Error('recipe "extends" must be a recipe name');
  const merged = mergeDeep(namedRecipe(base), rest) as Record<string, unknown>;
  if (!("name" in rest)) merged.name = `${base}+custom`;
  return parseRecipe(merged);
}

/** `--recipe` argument: a recipe name, or a JSON file of overrides. */
export async function loadRecipe(nameOrFile: string | undefined): Promise<Recipe> {
  if (nameOrFile === undefined) return namedRecipe("ft-default");
  if (named[nameOrFile]) return namedRecipe(nameOrFile);
  const text = await readFile(nameOrFile, "utf8");
  const json: unknown = JSON.parse(text);
  if (!isObject(json)) throw new Error(`${nameOrFile}: a recipe file holds a JSON object`);
  return recipeFromOverrides(json);
}
