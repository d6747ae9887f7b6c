import { z } from "zod";
import type { TaskSpec } from "../../core/types";
import { KINDS } from "../../dsl/list-dsl";
import { GENERATED_LINES } from "../../dsl/programs";

export const programSynthesisSpec: TaskSpec = {
  id: "program-synthesis",
  version: "1-0",
  title: "Program synthesis in a list DSL",
  description:
    "An analog of code generation: from input/output examples on lists of digits, write a " +
    "program in a tiny list language (rev, sort, rot, add k, mul k, take k, drop k, gt k; lines " +
    "separated by ';'). Every problem's program is the canonical one of its behavior, and the " +
    "examples are chosen so that no program one line away fits them but fails the hidden tests.",
  evaluatorDescription:
    "The completion is parsed as a program and run by a sandboxed interpreter (work and size " +
    "limits) on hidden test inputs. Score: fraction of tests passed; correct when all pass. " +
    "Malformed programs score 0.",
  domains: KINDS,
};

export const programSynthesisConfig = z
  .object({
    /** Lines per program. */
    lines: z.number().int().min(1).max(3).default(2),
    /** Input/output examples shown in the prompt. */
    examples: z.number().int().min(2).max(4).default(3),
    /** Hidden test inputs the evaluator runs. */
    tests: z.number().int().min(1).max(10).default(5),
    /** Seed of inputs and of the lines π_weak / π_intermediate know. */
    seed: z.number().int().min(0).default(13),
    /** Generated lines (of 33) π_weak writes correctly; it confuses the others. */
    weakKnownLines: z.number().int().min(0).max(GENERATED_LINES.length).default(16),
    intermediateKnownLines: z.number().int().min(0).max(GENERATED_LINES.length).default(25),
  })
  .strict()
  .refine((c) => c.intermediateKnownLines >= c.weakKnownLines, {
    message: "intermediateKnownLines must be at least weakKnownLines",
  });

export type ProgramSynthesisConfig = z.infer<typeof programSynthesisConfig>;
