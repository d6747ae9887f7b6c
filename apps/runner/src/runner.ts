// A runner process: claims jobs of every kind from the queue and runs them, up to `concurrency`
// heavy jobs at once (each in its own worker process). Stopping it (SIGTERM) stops claiming, lets
// running jobs finish for a grace period, then releases the rest back to the queue.
import { createDb, runnerHeartbeat, runnerStopped } from "@lockpick/db";
import { hostname } from "node:os";
import type { Job } from "pg-boss";
import type { RunnerEnv } from "./env";
import { handlers } from "./jobs/handlers";
import { jobs } from "./jobs/index";
import { createBoss } from "./queue/create-boss";
import { ensureQueues } from "./queue/ensure-queues";
import type { JobServices } from "./queue/services";
import { createStore } from "./storage/create-store";

export type Runner = { id: string; stop(): Promise<void> };

export async function startRunner(env: RunnerEnv): Promise<Runner> {
  const handle = await createDb({ url: env.databaseUrl, socket: env.socket, max: 4 });
  const boss = await createBoss({
    url: env.databaseUrl,
    superviseSeconds: env.LOCKPICK_SUPERVISE_SECONDS,
    max: 4,
    name: `lockpick-runner-${env.runnerId}`,
  });
  await ensureQueues(boss, {
    heartbeatSeconds: env.LOCKPICK_JOB_HEARTBEAT_SECONDS,
    runTimeout: env.LOCKPICK_RUN_TIMEOUT_SECONDS,
    buildTimeout: env.LOCKPICK_BUILD_TIMEOUT_SECONDS,
    dryRunTimeout: env.dryRunTimeoutSeconds,
  });
  const shutdown = new AbortController();
  const services: JobServices = {
    db: handle.db,
    boss,
    env,
    storage: createStore(env),
    shutdown: shutdown.signal,
  };
  const counts = { active: 0, completed: 0, failed: 0 };
  const inFlight = new Set<Promise<unknown>>();
  const concurrency: Record<string, number> = {
    run: env.concurrency,
    "build-locks": 1,
    "evaluate-submission": 2,
    // Its own slot, so an author waiting on a dry run never waits behind long runs.
    "dry-run": 1,
  };

  for (const def of Object.values(jobs)) {
    await boss.work(
      def.name,
      {
        localConcurrency: concurrency[def.name] ?? 1,
        batchSize: 1,
        pollingIntervalSeconds: env.LOCKPICK_POLL_SECONDS,
      },
      async ([job]: Job<object>[]) => {
        const work = (async () => {
          counts.active++;
          try {
            const payload = def.payload.parse(job!.data);
            const { default: handler } = await handlers[def.name]();
            // The handler's value is the job's output (the dry run's verdict, for one).
            const output = await (
              handler as (p: unknown, j: Job<object>, s: JobServices) => Promise<unknown>
            )(payload, job!, services);
            counts.completed++;
            return output;
          } catch (error) {
            counts.failed++;
            throw error;
          } finally {
            counts.active--;
          }
        })();
        inFlight.add(work);
        work.then(
          () => inFlight.delete(work),
          () => inFlight.delete(work),
        );
        return work;
      },
    );
  }

  const beat = () =>
    runnerHeartbeat(handle.db, {
      id: env.runnerId,
      host: hostname(),
      pid: process.pid,
      concurrency: env.concurrency,
      ...counts,
    }).catch((e: Error) => console.error(`runner heartbeat: ${e.message}`));
  await beat();
  const beatTimer = setInterval(beat, 5000);

  let stopping: Promise<void> | undefined;
  return {
    id: env.runnerId,
    stop() {
      stopping ??= (async () => {
        for (const def of Object.values(jobs)) await boss.offWork(def.name, { wait: false });
        const grace = new Promise((r) => setTimeout(r, env.LOCKPICK_RUNNER_GRACE_SECONDS * 1000));
        await Promise.race([Promise.allSettled([...inFlight]), grace]);
        shutdown.abort(); // what is still running is released back to the queue
        await Promise.allSettled([...inFlight]);
        clearInterval(beatTimer);
        await boss.stop({ graceful: true, timeout: 5000 });
        await runnerStopped(handle.db, env.runnerId).catch(() => {});
        await handle.close();
      })();
      return stopping;
    },
  };
}
