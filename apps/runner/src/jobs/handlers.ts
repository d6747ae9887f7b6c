// Each job kind's handler, loaded on first use by the runner only (the definitions in
// jobs/index.ts stay free of handler dependencies for enqueue-only processes).
import type { JobHandler } from "../queue/define-job";
import type { JobName, JobPayload } from "./index";

export const handlers: { [N in JobName]: () => Promise<{ default: JobHandler<JobPayload<N>> }> } = {
  run: () => import("./run.handler"),
  "evaluate-submission": () => import("./evaluate-submission.handler"),
  "build-locks": () => import("./build-locks.handler"),
  "dry-run": () => import("./dry-run.handler"),
};
