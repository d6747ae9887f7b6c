import type { PgBoss } from "pg-boss";
import { jobs, type JobName, type JobPayload } from "../jobs/index";

export type EnqueueOptions = {
  /** A job id (uuid): enqueueing the same id twice creates one job. */
  id?: string;
  priority?: number;
  startAfter?: Date;
};

/** Validates the payload against its job kind and sends it. Returns the job id (null if a duplicate). */
export async function enqueue<N extends JobName>(
  boss: PgBoss,
  request: { name: N; payload: JobPayload<N> },
  options: EnqueueOptions = {},
) {
  const definition = jobs[request.name];
  const data = definition.payload.parse(request.payload) as object;
  return boss.send(request.name, data, options);
}
