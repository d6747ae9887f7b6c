// Runner jobs from the web: the runner's own enqueue-only client (@lockpick/runner/client: job
// definitions and zod payloads, no handler code), one per server process. It creates any queue
// that is missing (idempotently), so submissions queue even before a runner has ever started.
import {
  createJobClient,
  type DryRunJob,
  type DryRunOutcome,
  type JobClient,
  type JobName,
  type JobPayload,
} from "@lockpick/runner/client";
import { queueDatabaseUrl } from "~/env";

export type { DryRunOutcome };

let client: Promise<JobClient> | undefined;

function getClient(): Promise<JobClient> {
  if (!queueDatabaseUrl) {
    return Promise.reject(new Error("No job queue: set DATABASE_URL or LOCKPICK_DB_SOCKET"));
  }
  client ??= createJobClient(queueDatabaseUrl);
  client.catch(() => {
    client = undefined;
  });
  return client;
}

export async function enqueue<N extends JobName>(name: N, payload: JobPayload<N>) {
  return (await getClient()).enqueue({ name, payload });
}

/** Runs the plugin once on a runner (see docs/runner.md, dry run) and waits for the verdict. */
export async function dryRun(payload: DryRunJob, timeoutMs: number): Promise<DryRunOutcome> {
  return (await getClient()).dryRun(payload, { timeoutMs });
}

export async function queueDepths() {
  const queues = await (await getClient()).depth();
  return queues.map(({ name, queued, active, total }) => ({ name, queued, active, total }));
}

/** Closes the connection (tests; a server process keeps it for its lifetime). */
export async function closeQueue() {
  const open = client;
  client = undefined;
  if (open) await (await open).close();
}
