// `npm start`: the whole platform on its embedded defaults. This process owns the embedded
// database (PGlite under $LOCKPICK_HOME/db, served to the others on a local socket) unless
// DATABASE_URL points to a PostgreSQL server; it registers the built-in tasks and shipped
// reference models, starts one runner and the web, and queues the built-in methods once.
// Ctrl-C stops the web and the runner, then the database. All state stays under $LOCKPICK_HOME.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { createDb, migrate, readDbEnv, startDbOwner, type DbHandle } from "@lockpick/db";
import { createJobClient, type JobClient } from "@lockpick/runner/client";
import { registerBuiltins } from "./start/register-builtins";

const root = fileURLToPath(new URL("..", import.meta.url));
const settings = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** LOCKPICK_NO_WEB=1: database and runner only (headless machines, smoke tests). */
    LOCKPICK_NO_WEB: z.enum(["0", "1"]).default("0"),
  })
  .parse(process.env);
const dbEnv = readDbEnv();
const children: { name: string; child: ChildProcess }[] = [];
let jobs: JobClient | undefined;
let stopping = false;

function log(line: string) {
  console.log(`lockpick: ${line}`);
}

async function openDatabase(): Promise<{ handle: DbHandle; url: string; stop(): Promise<void> }> {
  if (dbEnv.DATABASE_URL) {
    const handle = await createDb({ url: dbEnv.DATABASE_URL });
    await migrate(handle);
    return { handle, url: dbEnv.DATABASE_URL, stop: () => handle.close() };
  }
  const owner = await startDbOwner({ env: dbEnv });
  return owner;
}

/** Starts a child in its own process group, so Ctrl-C reaches it only through us, in order. */
function startChild(name: string, args: string[], env: Record<string, string>, cwd = root) {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env, LOCKPICK_PARENT_PID: String(process.pid) },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  child.on("exit", (code, signal) => {
    if (!stopping) log(`${name} exited (${signal ?? code})`);
  });
  children.push({ name, child });
  return child;
}

function stopChild({ name, child }: { name: string; child: ChildProcess }, ms: number) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      log(`${name} did not stop in ${ms / 1000} s; killing it`);
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-child.pid!, "SIGTERM"); // the whole group: npm and what it started
    } catch {
      resolve();
    }
  });
}

const db = await openDatabase();
log(
  dbEnv.DATABASE_URL
    ? "database: PostgreSQL (DATABASE_URL)"
    : `database: ${dbEnv.pgliteDir} (served on ${db.url})`,
);

async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping the web and the runner, then the database`);
  await Promise.all([...children].reverse().map((c) => stopChild(c, 20_000)));
  await jobs?.close().catch(() => {});
  await db.stop();
  log("stopped; all data is kept in " + dbEnv.home);
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

const connection: Record<string, string> = dbEnv.DATABASE_URL
  ? { DATABASE_URL: dbEnv.DATABASE_URL }
  : { LOCKPICK_DB_SOCKET: db.url };
const shared = { ...connection, LOCKPICK_HOME: dbEnv.home };

// The runner first: it creates the job queues the web and the built-in methods enqueue into.
startChild("runner", ["--import", "tsx", "apps/runner/src/main.ts"], {
  ...shared,
  LOCKPICK_RUNNER_GRACE_SECONDS: "5",
});
try {
  jobs = await createJobClient(db.url);
  const registered = await registerBuiltins(db.handle, jobs, { home: dbEnv.home, log });
  log(
    `registered ${registered.tasks} tasks, ${registered.models} reference models; ` +
      `queued ${registered.queued} built-in methods`,
  );
} catch (error) {
  log(`registration skipped: ${(error as Error).message}`);
}

const webPackage = join(root, "apps/web/package.json");
const webScripts = existsSync(webPackage)
  ? (JSON.parse(readFileSync(webPackage, "utf8")).scripts ?? {})
  : {};
const webScript = webScripts.start ? "start" : webScripts.dev ? "dev" : undefined;
if (settings.LOCKPICK_NO_WEB === "1") {
  log("web: off (LOCKPICK_NO_WEB=1)");
} else if (webScript) {
  const npmCli = process.env.npm_execpath;
  startChild(
    "web",
    npmCli
      ? [npmCli, "run", webScript, "-w", "@lockpick/web"]
      : ["--import", "tsx", "apps/web/scripts/start.ts"],
    { ...shared, PORT: String(settings.PORT) },
  );
  log(`web: http://localhost:${settings.PORT}`);
} else {
  log("web: not yet");
}
log("Ctrl-C stops everything (data is kept)");
