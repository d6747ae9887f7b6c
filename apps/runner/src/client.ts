// For processes that only enqueue (the web, `npm start`): a pg-boss instance that claims nothing
// and runs no maintenance, with the typed `enqueue` of the job registry.
import type { JobName, JobPayload } from "./jobs/index";
import { createBoss } from "./queue/create-boss";
import { enqueue, type EnqueueOptions } from "./queue/enqueue";
import { defaultTimings, ensureQueues } from "./queue/ensure-queues";

export type JobClient = {
  enqueue<N extends JobName>(
    request: { name: N; payload: JobPayload<N> },
    options?: EnqueueOptions,
  ): Promise<string | null>;
  /** Queue depth per job kind (admin runner-health page). */
  depth(): Promise<{ name: string; queued: number; active: number; failed: number }[]>;
  close(): Promise<void>;
};

/** `url`: DATABASE_URL, or the embedded database's socket URL (LOCKPICK_DB_SOCKET). */
export async function createJobClient(url: string): Promise<JobClient> {
  const boss = await createBoss({ url, supervise: false, max: 2, name: "lockpick-enqueue" });
  await ensureQueues(boss, defaultTimings, { update: false });
  return {
    enqueue: (request, options) => enqueue(boss, request, options),
    async depth() {
      const queues = await boss.getQueues();
      return queues.map((q) => ({
        name: q.name,
        queued: q.queuedCount,
        active: q.activeCount,
        failed: q.failedCount,
      }));
    },
    close: () => boss.stop({ graceful: false, timeout: 1000 }),
  };
}
