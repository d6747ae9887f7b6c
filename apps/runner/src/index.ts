export { jobs, type JobName, type JobPayload, type JobRequest } from "./jobs/index";
export { enqueue, type EnqueueOptions } from "./queue/enqueue";
export { createBoss } from "./queue/create-boss";
export { ensureQueues } from "./queue/ensure-queues";
export { startRunner, type Runner } from "./runner";
export { readRunnerEnv, type RunnerEnv } from "./env";
