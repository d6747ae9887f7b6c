// Enqueues runner jobs (pg-boss, in the same database). The runner owns the job definitions
// (apps/runner/src/jobs: names and zod payloads, which these mirror); the web only sends the
// kinds it starts and reads queue depths for the admin page. It does not import
// @lockpick/runner/client because that module's job registry lazily imports the handlers, which
// would pull the harness and engine into the Next.js server bundle.
import { PgBoss } from "pg-boss";
import { queueDatabaseUrl } from "~/env";

export const JOBS = {
  buildLocks: "build-locks",
  evaluateSubmission: "evaluate-submission",
  run: "run",
} as const;

type Payloads = {
  "build-locks": { taskInstanceId: string };
  "evaluate-submission": { submissionId: string };
  run: { runId: string };
};

let boss: Promise<PgBoss> | undefined;

function getBoss(): Promise<PgBoss> {
  if (!queueDatabaseUrl) {
    return Promise.reject(new Error("No job queue: set DATABASE_URL or LOCKPICK_DB_SOCKET"));
  }
  boss ??= (async () => {
    // The web sends and reads only: no maintenance, no scheduling, small pool.
    const instance = new PgBoss({
      connectionString: queueDatabaseUrl!,
      max: 2,
      supervise: false,
      schedule: false,
    });
    instance.on("error", (error) => console.error("queue:", error));
    await instance.start();
    return instance;
  })();
  boss.catch(() => {
    boss = undefined;
  });
  return boss;
}

export async function enqueue<N extends keyof Payloads>(name: N, payload: Payloads[N]) {
  const b = await getBoss();
  // Queues (with their retry and expiry policies) are created by the runner at start-up.
  if (!(await b.getQueue(name))) {
    throw new Error(`The job queue "${name}" does not exist yet: no runner has started.`);
  }
  return b.send(name, payload);
}

export async function queueDepths() {
  const b = await getBoss();
  const out: { name: string; queued: number; active: number; total: number }[] = [];
  for (const name of Object.values(JOBS)) {
    const q = await b.getQueue(name);
    out.push({
      name,
      queued: q?.queuedCount ?? 0,
      active: q?.activeCount ?? 0,
      total: q?.totalCount ?? 0,
    });
  }
  return out;
}
