// `npm run test:e2e`: the whole browser suite on one machine. Starts an embedded database owner
// in a temporary LOCKPICK_HOME, a production build of the site (`next build && next start`;
// E2E_DEV=1 uses `next dev` instead), a runner when the runner app provides one, then
// Playwright against Debian's Chromium. Everything started here is stopped at the end.
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readDbEnv } from "@lockpick/db";
import { startDbOwner } from "@lockpick/db/owner";
import { s3StorageEnv, startS3TestServer } from "@lockpick/runner/storage/testing";
import { ensureChromium } from "./ensure-chromium";
import { childEnv, scriptEnv } from "./env";
import { freePort, run, start, waitForHttp, type Proc } from "./processes";
import { runnerCommand } from "./runner-command";
import { e2eStore, registerE2eTask } from "./e2e-task";

const webDir = new URL("..", import.meta.url).pathname;
const nextBin = join(webDir, "node_modules/.bin/next");
const next = existsSync(nextBin) ? nextBin : join(webDir, "../../node_modules/.bin/next");

ensureChromium(scriptEnv.CHROMIUM_PATH);

const started = Date.now();
const home = mkdtempSync(join(tmpdir(), "lockpick-e2e-"));
const owner = await startDbOwner({ env: readDbEnv({ LOCKPICK_HOME: home }) });
// Checkpoints live where a multi-machine deployment keeps them: an S3-compatible server (real
// HTTP, SigV4 checked) on loopback; E2E_STORAGE=local uses the local directory instead.
const s3 = scriptEnv.E2E_STORAGE === "s3" ? await startS3TestServer() : null;
const procs: Proc[] = [];
let exitCode = 1;
try {
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const shared = {
    LOCKPICK_HOME: home,
    LOCKPICK_DB_SOCKET: owner.url,
    DATABASE_URL: "",
    AUTH_SECRET: randomBytes(32).toString("hex"),
    AUTH_URL: baseURL,
    AUTH_TRUST_HOST: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    // Tests seed data and look at it at once: always check the leaderboard's data fingerprint.
    LEADERBOARD_CACHE_SECONDS: "0",
    // GitHub sign-in as in production (the suite never contacts GitHub: signin.spec.ts).
    AUTH_GITHUB_ID: "Iv1.lockpick-e2e",
    AUTH_GITHUB_SECRET: randomBytes(20).toString("hex"),
    ...(s3 ? s3StorageEnv(s3) : { LOCKPICK_STORAGE: "local" }),
  };
  // The one published task the researcher flow's runs execute on (see e2e-task.ts), its
  // checkpoint put in the store the runner reads.
  await registerE2eTask(owner.handle.db, e2eStore(shared, home));
  const dev = scriptEnv.E2E_DEV === "1";
  if (!dev) {
    await run(next, ["build"], {
      cwd: webDir,
      env: childEnv({ ...shared, NODE_ENV: "production" }),
    });
    console.log(`e2e: built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  const web = start(
    "web",
    next,
    dev ? ["dev", "-p", String(port)] : ["start", "-p", String(port)],
    {
      cwd: webDir,
      env: childEnv({
        ...shared,
        NODE_ENV: dev ? "development" : "production",
        PORT: String(port),
      }),
      quiet: true,
    },
  );
  procs.push(web);
  const runner = runnerCommand();
  if (runner) {
    // The real harness on the shipped small lock (e2e-task.ts), one seed, the two smallest
    // budgets of each track, one run at a time: the machine has two cores and the site needs one.
    const runnerEnv = childEnv({
      ...shared,
      LOCKPICK_SEEDS: "1",
      LOCKPICK_BUDGETS_PER_TRACK: "2",
      LOCKPICK_RUNNER_CONCURRENCY: "1",
    });
    procs.push(start("runner", runner.command, runner.args, { cwd: runner.cwd, env: runnerEnv }));
  }
  await waitForHttp(`${baseURL}/api/health`, 120_000, web);
  await run(
    join(webDir, "../../node_modules/.bin/playwright"),
    ["test", ...process.argv.slice(2)],
    {
      cwd: webDir,
      env: childEnv({ ...shared, E2E_BASE_URL: baseURL, E2E_RUNNER: runner ? "1" : "0" }),
    },
  );
  exitCode = 0;
  console.log(`e2e: passed in ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
} finally {
  for (const p of procs.reverse()) await p.stop();
  await owner.stop();
  await s3?.stop();
  rmSync(home, { recursive: true, force: true });
}
process.exit(exitCode);
