import { z } from "zod";
import type { TaskSpec } from "../../core/types";

export const OPERATIONS = ["addition", "subtraction", "multiplication"] as const;
export type Operation = (typeof OPERATIONS)[number];

export const arithmeticSpec: TaskSpec = {
  id: "arithmetic",
  version: "1-0",
  title: "Arithmetic with worked solutions",
  description:
    "An analog of MATH: multi-digit addition, subtraction (never negative) and multiplication " +
    "by a one-digit number, at difficulty levels 1-3 (operand digits). The completion is a " +
    "worked, column-by-column solution (digits, carry or borrow, result digit) followed by the " +
    "final answer.",
  evaluatorDescription:
    "Correct when the number after the last '=' of the completion equals the answer. Score: " +
    "half for the final answer, half for the fraction of worked steps identical to the " +
    "reference steps.",
  domains: OPERATIONS,
};

export const arithmeticConfig = z
  .object({
    /** Operations to generate; each is a domain. */
    operations: z
      .array(z.enum(OPERATIONS))
      .min(1)
      .default([...OPERATIONS])
      .refine((ops) => new Set(ops).size === ops.length, "operations must be distinct"),
    /** Highest difficulty level: level L uses L-digit operands (the multiplier is one digit). */
    maxLevel: z.number().int().min(1).max(4).default(3),
  })
  .strict();

export type ArithmeticConfig = z.infer<typeof arithmeticConfig>;
