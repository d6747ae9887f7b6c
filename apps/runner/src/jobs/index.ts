// The registry of job kinds: `enqueue({ name, payload })` is type-checked against it.
import type { z } from "zod";
import { buildLocksJob } from "./build-locks";
import { dryRunJob } from "./dry-run";
import { evaluateSubmissionJob } from "./evaluate-submission";
import { runJob } from "./run";

export const jobs = {
  [runJob.name]: runJob,
  [evaluateSubmissionJob.name]: evaluateSubmissionJob,
  [buildLocksJob.name]: buildLocksJob,
  [dryRunJob.name]: dryRunJob,
} as const;

export type JobName = Extract<keyof typeof jobs, string>;
export type JobPayload<N extends JobName> = z.infer<(typeof jobs)[N]["payload"]>;
export type JobRequest = { [N in JobName]: { name: N; payload: JobPayload<N> } }[JobName];
