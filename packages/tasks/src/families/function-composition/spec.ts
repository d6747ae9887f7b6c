import { z } from "zod";
import type { TaskSpec } from "../../core/types";

export const FUNCTION_COUNT = 32;
export const DIGITS = 4;

/** Domains: the kind of the first function applied (paper §5.2 analog). */
export const FUNCTION_KINDS = ["digit-map", "position-permutation", "digit-and-position"] as const;
export type FunctionKind = (typeof FUNCTION_KINDS)[number];

export const functionCompositionSpec: TaskSpec = {
  id: "function-composition",
  version: "1-0",
  title: "Function composition",
  description:
    "The toy task of the paper's §7: 32 fixed, seeded functions each map 4 digits to 4 digits " +
    "(a permutation of 0-9 applied to every digit, a permutation of the 4 positions, or both). " +
    "The prompt names the functions to apply in order and the input; the completion writes the " +
    "result after each function.",
  evaluatorDescription:
    "Correct when the completion (up to <eos>) has exactly one 4-digit group per function and " +
    "the last group is the final result. Score: fraction of the expected result digits written " +
    "in the right group and position.",
  domains: FUNCTION_KINDS,
};

export const functionCompositionConfig = z
  .object({
    /** Functions applied per problem (the paper uses 2). 3 at most keeps the space < 2^32. */
    compositionLength: z.number().int().min(1).max(3).default(2),
    /** Seed of the 32 functions and of the weak/intermediate identity subsets. */
    worldSeed: z.number().int().min(0).default(7),
    /** How many of the 32 functions π_weak replaces with identity (paper: 16). */
    weakIdentities: z.number().int().min(0).max(FUNCTION_COUNT).default(16),
    /** How many π_intermediate replaces (a subset of π_weak's). */
    intermediateIdentities: z.number().int().min(0).max(FUNCTION_COUNT).default(8),
  })
  .strict()
  .refine((c) => c.intermediateIdentities <= c.weakIdentities, {
    message: "intermediateIdentities must not exceed weakIdentities",
  });

export type FunctionCompositionConfig = z.infer<typeof functionCompositionConfig>;
