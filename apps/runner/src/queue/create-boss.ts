// pg-boss over the platform database. Why pg-boss: jobs live in the same Postgres (or embedded
// PGlite) as everything else, claims use SELECT … FOR UPDATE SKIP LOCKED, and it has per-job
// heartbeats with automatic retry of jobs whose holder went silent, which is the lease we need.
import { PgBoss } from "pg-boss";

export type BossOptions = {
  url: string;
  /** Whether this instance runs maintenance (lease expiry). Runners do; enqueue-only clients don't. */
  supervise?: boolean;
  superviseSeconds?: number;
  max?: number;
  name?: string;
};

export async function createBoss(options: BossOptions): Promise<PgBoss> {
  const supervise = options.supervise ?? true;
  const boss = new PgBoss({
    connectionString: options.url,
    max: options.max ?? 4,
    application_name: options.name ?? "lockpick",
    supervise,
    schedule: false,
    migrate: true,
    ...(supervise && {
      superviseIntervalSeconds: options.superviseSeconds ?? 5,
      monitorIntervalSeconds: options.superviseSeconds ?? 5,
    }),
    registerInstance: false,
    openTelemetry: { enabled: false },
  });
  boss.on("error", (error) => console.error(`pg-boss: ${error.message}`));
  await boss.start({ attempts: 5 });
  return boss;
}
