import { z } from "zod";
import { defineJob } from "../queue/define-job";

const payload = z.object({
  submissionId: z.uuid(),
  /** Restrict to these task instance slugs (default: every published task). */
  tasks: z.array(z.string()).optional(),
  /** Override the track's budget grid (e.g. a quick evaluation). */
  budgets: z.array(z.number().int().nonnegative()).optional(),
  seeds: z.number().int().min(1).optional(),
});

/** Expands a submission into its runs (published models × track budgets × seeds) and queues them. */
export const evaluateSubmissionJob = defineJob({
  name: "evaluate-submission",
  payload,
  heavy: false,
  retryLimit: 5,
  expireInSeconds: () => 300,
});

export type EvaluateSubmissionJob = z.infer<typeof payload>;
