// `npm run bench:queue`: how fast runner processes claim and complete jobs through pg-boss on a
// real PostgreSQL server (DATABASE_URL, else a throwaway database on 127.0.0.1:5432).
// For 1, 2 and 4 processes: 10,000 no-op jobs are queued first, then the processes drain them,
// each with `LOCAL` concurrent fetch loops claiming `BATCH` jobs per fetch and fetching again at
// once while batches come back full. (With one job per fetch, pg-boss waits its polling interval
// between fetches, so throughput is bounded by concurrency / interval: fine for training runs
// that last minutes, which is how the runner is configured, but not a measure of the queue.)
// Reported: jobs/s from first claim to last completion, p50/p99 of claim→complete (the queue's
// own overhead per job) and p50 of queued→complete.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { PgBoss } from "pg-boss";
import postgres from "postgres";

const JOBS = Number(process.env.BENCH_JOBS ?? 10_000);
const LOCAL = Number(process.env.BENCH_LOCAL_CONCURRENCY ?? 2);
const BATCH = Number(process.env.BENCH_BATCH ?? 20);
const self = fileURLToPath(import.meta.url);

async function worker(url: string, queue: string) {
  const boss = new PgBoss({
    connectionString: url,
    max: LOCAL + 1,
    supervise: false,
    schedule: false,
    registerInstance: false,
    openTelemetry: { enabled: false },
  });
  boss.on("error", (e) => console.error(e.message));
  await boss.start();
  await boss.work(
    queue,
    {
      localConcurrency: LOCAL,
      batchSize: BATCH,
      burstWhenBatchFull: BATCH > 1,
      pollingIntervalSeconds: 0.5,
    },
    async () => {},
  );
  process.send?.("ready");
  process.on(
    "SIGTERM",
    () => void boss.stop({ graceful: false, timeout: 1000 }).then(() => process.exit(0)),
  );
}

async function throwawayDatabase() {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, drop: async () => {} };
  const admin = postgres("postgres://postgres@127.0.0.1:5432/postgres", {
    max: 1,
    onnotice: () => {},
  });
  const name = `lockpick_bench_${Date.now()}`;
  await admin.unsafe(`create database ${name}`);
  return {
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function main() {
  const { url, drop } = await throwawayDatabase();
  const boss = new PgBoss({
    connectionString: url,
    max: 4,
    supervise: false,
    schedule: false,
    registerInstance: false,
    openTelemetry: { enabled: false },
  });
  await boss.start();
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  const rows: string[][] = [];
  try {
    for (const processes of [1, 2, 4]) {
      const queue = `bench-noop-${processes}`;
      await boss.createQueue(queue, { retryLimit: 0 });
      for (let i = 0; i < JOBS; i += 1000) {
        await boss.insert(
          queue,
          Array.from({ length: Math.min(1000, JOBS - i) }, (_, k) => ({ data: { i: i + k } })),
        );
      }
      const children = Array.from({ length: processes }, () =>
        spawn(process.execPath, [...process.execArgv, self, "worker", url, queue], {
          stdio: ["ignore", "inherit", "inherit", "ipc"],
        }),
      );
      const deadline = Date.now() + 10 * 60_000;
      for (;;) {
        const [row] = await sql<{ n: number }[]>`
          select count(*)::int as n from pgboss.job where name = ${queue} and state = 'completed'`;
        if ((row?.n ?? 0) >= JOBS || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      for (const c of children) c.kill("SIGTERM");
      await Promise.all(children.map((c) => new Promise((r) => c.on("exit", r))));
      const jobs = await sql<{ claim: number; total: number; started: Date; completed: Date }[]>`
        select extract(epoch from completed_on - started_on) * 1000 as claim,
               extract(epoch from completed_on - created_on) * 1000 as total,
               started_on as started, completed_on as completed
        from pgboss.job where name = ${queue} and state = 'completed'`;
      const first = Math.min(...jobs.map((j) => j.started.getTime()));
      const last = Math.max(...jobs.map((j) => j.completed.getTime()));
      rows.push([
        String(processes),
        String(jobs.length),
        ((jobs.length / (last - first)) * 1000).toFixed(0),
        pct(
          jobs.map((j) => Number(j.claim)),
          50,
        ).toFixed(1),
        pct(
          jobs.map((j) => Number(j.claim)),
          99,
        ).toFixed(1),
        (
          pct(
            jobs.map((j) => Number(j.total)),
            50,
          ) / 1000
        ).toFixed(2),
      ]);
      console.error(`${processes} process(es) done`);
    }
  } finally {
    await boss.stop({ graceful: false, timeout: 1000 });
    await sql.end();
    await drop();
  }
  const header = [
    "processes",
    "jobs",
    "jobs/s",
    "p50 claim→done ms",
    "p99 claim→done ms",
    "p50 queued→done s",
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padStart(widths[i]!)).join(" | ")} |`;
  console.log(
    `\npg-boss on PostgreSQL: ${JOBS} no-op jobs; per process ${LOCAL} fetch loops × ${BATCH} jobs per fetch`,
  );
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(r));
}

if (process.argv[2] === "worker") await worker(process.argv[3]!, process.argv[4]!);
else await main();
