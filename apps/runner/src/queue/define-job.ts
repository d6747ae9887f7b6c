// A job kind: its queue name, its payload schema and its queue options. Handlers live apart
// (jobs/handlers.ts) so enqueue-only processes (the web, `npm start`) load no handler code.
import type { Job } from "pg-boss";
import type { z } from "zod";
import type { JobServices } from "./services";

/** What a handler returns becomes the pg-boss job's output (read by whoever awaits the job). */
export type JobHandler<P, Output = unknown> = (
  payload: P,
  job: Job<P>,
  services: JobServices,
) => Promise<Output>;

export type JobDefinition<Name extends string, Schema extends z.ZodType> = {
  name: Name;
  payload: Schema;
  /** Heavy jobs get a pg-boss heartbeat lease; light ones just a timeout. */
  heavy: boolean;
  retryLimit: number;
  expireInSeconds: (env: {
    runTimeout: number;
    buildTimeout: number;
    dryRunTimeout: number;
  }) => number;
};

export function defineJob<Name extends string, Schema extends z.ZodType>(
  definition: JobDefinition<Name, Schema>,
) {
  return definition;
}
