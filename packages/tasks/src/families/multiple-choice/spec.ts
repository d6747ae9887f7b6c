import { z } from "zod";
import type { TaskSpec } from "../../core/types";

/** The four categories of facts (the domains) and their eight values each. */
export const CATEGORIES = {
  color: ["red", "orange", "yellow", "green", "blue", "purple", "black", "white"],
  city: ["paris", "rome", "oslo", "lima", "cairo", "delhi", "tokyo", "quito"],
  pet: ["cat", "dog", "owl", "fox", "bee", "eel", "yak", "emu"],
  job: ["baker", "smith", "nurse", "pilot", "judge", "chef", "miner", "clerk"],
} as const satisfies Record<string, readonly string[]>;
export type Category = keyof typeof CATEGORIES;
export const CATEGORY_NAMES = Object.keys(CATEGORIES) as Category[];
export const LETTERS = ["A", "B", "C", "D"] as const;

export const multipleChoiceSpec: TaskSpec = {
  id: "multiple-choice",
  version: "1-0",
  title: "Multiple choice about a synthetic world",
  description:
    "An analog of MMLU: a seeded world of entities (e0, e1, ...) each with a color, a city, a " +
    "pet and a job. A question asks one attribute of one entity with four options; the prompt " +
    "first shows one solved question of the same category (1-shot). The answer is one letter. " +
    "The facts are never stated: a model learns them from training questions.",
  evaluatorDescription:
    "Correct when the first token of the completion is the letter of the right option; score 1 " +
    "or 0.",
  domains: CATEGORY_NAMES,
};

export const multipleChoiceConfig = z
  .object({
    /** Entities in the world (each adds one token to the vocabulary). */
    entities: z.number().int().min(8).max(64).default(40),
    /** Seed of the facts and of the entities π_weak knows. */
    worldSeed: z.number().int().min(0).default(11),
    /** Share of entities whose facts π_weak knows; elsewhere it falls back on a prior. */
    weakKnownFraction: z.number().min(0).max(1).default(0.2),
    /** Same for π_intermediate (a superset of π_weak's entities). */
    intermediateKnownFraction: z.number().min(0).max(1).default(0.6),
  })
  .strict()
  .refine((c) => c.intermediateKnownFraction >= c.weakKnownFraction, {
    message: "intermediateKnownFraction must be at least weakKnownFraction",
  });

export type MultipleChoiceConfig = z.infer<typeof multipleChoiceConfig>;
