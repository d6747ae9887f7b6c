// For processes that only enqueue (the web, `npm start`): a pg-boss instance that claims nothing
// and runs no maintenance, with the typed `enqueue` of the job registry. It creates any missing
// queue itself (idempotently), so sending works before any runner has started.
import type { PgBoss } from "pg-boss";
import { dryRunVerdictSchema, type DryRunJob, type DryRunVerdict } from "./jobs/dry-run";
import type { JobName, JobPayload } from "./jobs/index";
import { createBoss } from "./queue/create-boss";
import { enqueue, type EnqueueOptions } from "./queue/enqueue";
import { defaultTimings, ensureQueues } from "./queue/ensure-queues";

export { dryRunVerdictSchema, type DryRunJob, type DryRunVerdict, type JobName, type JobPayload };

/** A dry run that gave no verdict: no runner took it in time, or the runner failed. */
export type DryRunOutcome = DryRunVerdict | { ok: false; kind: "infra"; reason: string };

export type JobClient = {
  enqueue<N extends JobName>(
    request: { name: N; payload: JobPayload<N> },
    options?: EnqueueOptions,
  ): Promise<string | null>;
  /** Sends a dry run and waits for its verdict; gives up (and cancels it) after `timeoutMs`. */
  dryRun(payload: DryRunJob, options: { timeoutMs: number }): Promise<DryRunOutcome>;
  /** Queue depth per job kind (admin runner-health page). */
  depth(): Promise<
    { name: string; queued: number; active: number; failed: number; total: number }[]
  >;
  close(): Promise<void>;
};

async function awaitDryRun(boss: PgBoss, id: string, timeoutMs: number): Promise<DryRunOutcome> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 100; ; wait = Math.min(wait * 1.5, 1000)) {
    const job = await boss.getJobById<DryRunJob>("dry-run", id);
    if (job?.state === "completed") return dryRunVerdictSchema.parse(job.output);
    if (job?.state === "failed" || job?.state === "cancelled" || !job) {
      const message = (job?.output as { message?: string } | undefined)?.message;
      return {
        ok: false,
        kind: "infra",
        reason: message ?? `the dry run was ${job?.state ?? "lost"}`,
      };
    }
    if (Date.now() > deadline) {
      await boss.cancel("dry-run", id).catch(() => {});
      return {
        ok: false,
        kind: "infra",
        reason: `no runner finished the dry run within ${Math.round(timeoutMs / 1000)} s`,
      };
    }
    await new Promise((r) => setTimeout(r, wait));
  }
}

/** `url`: DATABASE_URL, or the embedded database's socket URL (LOCKPICK_DB_SOCKET). */
export async function createJobClient(url: string): Promise<JobClient> {
  const boss = await createBoss({ url, supervise: false, max: 2, name: "lockpick-enqueue" });
  await ensureQueues(boss, defaultTimings, { update: false });
  return {
    enqueue: (request, options) => enqueue(boss, request, options),
    async dryRun(payload, { timeoutMs }) {
      const id = await enqueue(boss, { name: "dry-run", payload });
      if (!id) throw new Error("the dry run was not queued");
      return awaitDryRun(boss, id, timeoutMs);
    },
    async depth() {
      const queues = await boss.getQueues();
      return queues.map((q) => ({
        name: q.name,
        queued: q.queuedCount,
        active: q.activeCount,
        failed: q.failedCount,
        total: q.totalCount,
      }));
    },
    close: () => boss.stop({ graceful: false, timeout: 1000 }),
  };
}
