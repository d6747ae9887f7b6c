import { z } from "zod";
import { defineJob } from "../queue/define-job";

const payload = z.object({ runId: z.uuid() });

/** Executes one run (submission × locked model × budget × seed) in a worker process. */
export const runJob = defineJob({
  name: "run",
  payload,
  heavy: true,
  // Retries of the queue job are cheap; the run's own attempt counter decides when it errors.
  retryLimit: 20,
  expireInSeconds: ({ runTimeout }) => runTimeout + 600,
});

export type RunJob = z.infer<typeof payload>;
