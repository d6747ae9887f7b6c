import { z } from "zod";
import { defineJob } from "../queue/define-job";

const payload = z.object({ taskInstanceId: z.uuid() });

/** Trains the locked models of a task instance and stores them for review. */
export const buildLocksJob = defineJob({
  name: "build-locks",
  payload,
  heavy: true,
  // The pipeline resumes from its stage store, so a retry after a crash continues the build.
  retryLimit: 3,
  expireInSeconds: ({ buildTimeout }) => buildTimeout + 600,
  handler: () => import("./build-locks.handler"),
});

export type BuildLocksJob = z.infer<typeof payload>;
