import { z } from "zod";
import type { TaskSpec } from "../../core/types";
import { KINDS } from "../../dsl/list-dsl";

export const FAULTS = ["op", "arg"] as const;
export type Fault = (typeof FAULTS)[number];

export const codeCritiqueSpec: TaskSpec = {
  id: "code-critique",
  version: "1-1",
  title: "Code critique in the list DSL",
  description:
    "An analog of the paper's critique task: the prompt gives a spec (input/output examples) " +
    "and a short program in the list DSL with one seeded bug — a wrong instruction ('op') or a " +
    "wrong argument ('arg') on one line, visible in the examples. The completion names the " +
    "faulty line, the kind of fault and the corrected line.",
  evaluatorDescription:
    "Continuous score for continuous-reward methods (paper Eq. 2): 0.25 for the right line, " +
    "0.25 for the right kind of fault, and 0.5 × the fraction of hidden tests passed by the " +
    "program with the named line replaced by the proposed fix. Correct when all three are right.",
  domains: KINDS,
};

export const codeCritiqueConfig = z
  .object({
    /** Lines per program (the bug is on one of them). */
    lines: z.number().int().min(1).max(3).default(3),
    /** Spec examples shown in the prompt. */
    examples: z.number().int().min(1).max(3).default(2),
    /** Hidden tests the fix is checked on. */
    tests: z.number().int().min(1).max(10).default(5),
    seed: z.number().int().min(0).default(17),
    /** Chance that a line with an argument gets an argument fault rather than an op fault. */
    argFaultShare: z.number().min(0).max(1).default(0.4),
  })
  .strict();

export type CodeCritiqueConfig = z.infer<typeof codeCritiqueConfig>;
