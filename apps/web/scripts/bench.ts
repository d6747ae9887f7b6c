// `npm run bench:web`: load test of the leaderboard. Seeds 100 methods × 4 tasks × 5 budgets ×
// 3 seeds (a private and a public model per task) into a fresh embedded database, serves a
// production build, and measures requests/s and p50/p99 latency of the leaderboard page and its
// JSON export at a fixed concurrency. Requests go to 127.0.0.1 only; every loop is bounded.
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readDbEnv } from "@lockpick/db";
import { startDbOwner } from "@lockpick/db/owner";
import { childEnv } from "./env";
import { freePort, run, start, waitForHttp, type Proc } from "./processes";
import { seedLeaderboard } from "./seed";

const CONCURRENCY = 8;
const REQUESTS = 400;
const MAX_SECONDS = 30;

const webDir = new URL("..", import.meta.url).pathname;
const localNext = join(webDir, "node_modules/.bin/next");
const next = existsSync(localNext) ? localNext : join(webDir, "../../node_modules/.bin/next");

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function load(url: string) {
  const latencies: number[] = [];
  let failures = 0;
  let issued = 0;
  const started = performance.now();
  const deadline = started + MAX_SECONDS * 1000;
  async function worker() {
    while (issued < REQUESTS && performance.now() < deadline) {
      issued += 1;
      const t0 = performance.now();
      const res = await fetch(url);
      await res.arrayBuffer();
      if (!res.ok) failures += 1;
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    failures,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

const home = mkdtempSync(join(tmpdir(), "lockpick-bench-"));
const owner = await startDbOwner({ env: readDbEnv({ LOCKPICK_HOME: home }) });
const procs: Proc[] = [];
try {
  const t0 = performance.now();
  const seeded = await seedLeaderboard(owner.handle.db, {
    prefix: "bench",
    methods: 100,
    tasks: 4,
    budgets: [1, 4, 16, 64, 256],
    seeds: 3,
  });
  console.log(
    `seeded 100 methods × ${seeded.tasks.length} tasks × 5 budgets × 3 seeds ` +
      `(${seeded.models.length} models, ${100 * seeded.models.length * 15} runs) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    LOCKPICK_HOME: home,
    LOCKPICK_DB_SOCKET: owner.url,
    DATABASE_URL: "",
    AUTH_SECRET: randomBytes(32).toString("hex"),
    AUTH_TRUST_HOST: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  };
  if (!existsSync(join(webDir, ".next/BUILD_ID")) || !process.argv.includes("--reuse-build")) {
    await run(next, ["build"], { cwd: webDir, env: childEnv(env) });
  }
  const web = start("web", next, ["start", "-p", String(port)], {
    cwd: webDir,
    env: childEnv(env),
    quiet: true,
  });
  procs.push(web);
  await waitForHttp(`${base}/api/health`, 120_000, web);
  const targets = [
    ["leaderboard page", `${base}/`],
    ["leaderboard page, one task, sorted", `${base}/?task=bench-task-2&sort=budget%3A16&dir=asc`],
    ["JSON export", `${base}/api/leaderboard.json`],
  ] as const;
  for (const [, url] of targets) await load(url); // warm-up: compile paths, fill caches
  console.log(`\nconcurrency ${CONCURRENCY}, up to ${REQUESTS} requests or ${MAX_SECONDS} s each`);
  console.log("target | requests | req/s | p50 ms | p99 ms | failures");
  for (const [name, url] of targets) {
    const r = await load(url);
    console.log(
      `${name} | ${r.requests} | ${r.rps.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.failures}`,
    );
  }
} finally {
  for (const p of procs) await p.stop();
  await owner.stop();
  rmSync(home, { recursive: true, force: true });
}
