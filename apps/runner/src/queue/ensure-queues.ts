import type { PgBoss } from "pg-boss";
import { jobs } from "../jobs/index";

export type QueueTimings = {
  heartbeatSeconds: number;
  runTimeout: number;
  buildTimeout: number;
  dryRunTimeout: number;
};

export const defaultTimings: QueueTimings = {
  heartbeatSeconds: 10,
  runTimeout: 3600,
  buildTimeout: 6 * 3600,
  dryRunTimeout: 110,
};

/**
 * Creates one pg-boss queue per job kind with its lease and retry policy; with `update`, existing
 * queues take the given policy (runners do this; enqueue-only clients only create missing ones).
 */
export async function ensureQueues(boss: PgBoss, timings: QueueTimings, { update = true } = {}) {
  for (const def of Object.values(jobs)) {
    const options = {
      retryLimit: def.retryLimit,
      retryDelay: 1,
      expireInSeconds: def.expireInSeconds(timings),
      deleteAfterSeconds: 7 * 24 * 3600,
      ...(def.heavy && { heartbeatSeconds: timings.heartbeatSeconds }),
    };
    if (!(await boss.getQueue(def.name))) await boss.createQueue(def.name, options);
    else if (update) await boss.updateQueue(def.name, options);
  }
}
