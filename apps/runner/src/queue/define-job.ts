// A job kind: its queue name, its payload schema, its queue options and a lazily loaded handler.
import type { Job } from "pg-boss";
import type { z } from "zod";
import type { JobServices } from "./services";

export type JobHandler<P> = (payload: P, job: Job<P>, services: JobServices) => Promise<void>;

export type JobDefinition<Name extends string, Schema extends z.ZodType> = {
  name: Name;
  payload: Schema;
  /** Heavy jobs get a pg-boss heartbeat lease; light ones just a timeout. */
  heavy: boolean;
  retryLimit: number;
  expireInSeconds: (env: { runTimeout: number; buildTimeout: number }) => number;
  /** Loaded on first use, so the web can import definitions without handler dependencies. */
  handler: () => Promise<{ default: JobHandler<z.infer<Schema>> }>;
};

export function defineJob<Name extends string, Schema extends z.ZodType>(
  definition: JobDefinition<Name, Schema>,
) {
  return definition;
}
