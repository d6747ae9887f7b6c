// Test fixture: a database (PGlite owned by the test process and served on a socket, or the
// DATABASE_URL server), seeded data, and runner processes to start and kill.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createDb,
  createSubmission,
  createTaskInstance,
  migrate,
  startDbOwner,
  upsertLockedModel,
  upsertTaskFamily,
  type DbHandle,
} from "@lockpick/db";
import { createJobClient, type JobClient } from "../client";

const main = fileURLToPath(new URL("../main.ts", import.meta.url));
const tsx = import.meta.resolve("tsx");

export type Fixture = {
  db: DbHandle;
  /** Every runner started; `close` kills those still alive. */
  runners: RunnerProcess[];
  jobs: JobClient;
  home: string;
  dbEnv: Record<string, string>;
  close(): Promise<void>;
};

export async function openFixture(): Promise<Fixture> {
  const home = mkdtempSync(join(tmpdir(), "lockpick-runner-"));
  const url = process.env.DATABASE_URL;
  let stopOwner = async () => {};
  let dbEnv: Record<string, string>;
  let db: DbHandle;
  if (url) {
    db = await createDb({ url, socket: false });
    await migrate(db);
    dbEnv = { DATABASE_URL: url };
  } else {
    const owner = await startDbOwner({ dataDir: join(home, "db") });
    stopOwner = owner.stop;
    db = owner.handle;
    dbEnv = { LOCKPICK_DB_SOCKET: owner.url };
  }
  const jobs = await createJobClient(url ?? dbEnv.LOCKPICK_DB_SOCKET!);
  const runners: RunnerProcess[] = [];
  return {
    db,
    runners,
    jobs,
    home,
    dbEnv,
    async close() {
      for (const r of runners) if (r.child.exitCode === null) r.child.kill("SIGKILL");
      await Promise.all(runners.map((r) => r.exited));
      await jobs.close();
      if (url) await db.close();
      await stopOwner();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** A published task with `models` published models, and a submission with the given params. */
export async function seedSubmission(
  f: Fixture,
  { models = 2, params = {} as Record<string, unknown> } = {},
) {
  const tag = randomUUID().slice(0, 8);
  await upsertTaskFamily(f.db.db, { id: "toy", title: "Toy", version: "1" });
  const task = await createTaskInstance(f.db.db, {
    slug: `toy-${tag}`,
    familyId: "toy",
    title: "Toy",
    config: {},
    status: "published",
  });
  for (let i = 0; i < models; i++) {
    await upsertLockedModel(f.db.db, {
      taskInstanceId: task.id,
      name: `m${i}`,
      visibility: i % 2 ? "private" : "public",
      status: "published",
      password: "pw",
    });
  }
  const submission = await createSubmission(f.db.db, {
    name: `method-${tag}`,
    track: "demonstrations",
    source: "-",
    bundle: "-",
    bundleSha256: "0".repeat(64),
    params,
  });
  return { task, submission };
}

export type RunnerProcess = { id: string; child: ChildProcess; exited: Promise<number | null> };

/** Starts `npm start -w @lockpick/runner` equivalents with the synthetic executor. */
export function spawnRunner(f: Fixture, env: Record<string, string> = {}): RunnerProcess {
  const id = `runner-${randomUUID().slice(0, 6)}`;
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.LOCKPICK_DB_SOCKET;
  const child = spawn(process.execPath, ["--import", tsx, main], {
    env: {
      ...base,
      ...f.dbEnv,
      LOCKPICK_HOME: f.home,
      LOCKPICK_RUNNER_ID: id,
      LOCKPICK_RUN_EXECUTOR: "synthetic",
      LOCKPICK_SUPERVISE_SECONDS: "1",
      LOCKPICK_POLL_SECONDS: "0.5",
      LOCKPICK_RUNNER_CONCURRENCY: "2",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (process.env.LOCKPICK_TEST_VERBOSE) {
    child.stdout!.on("data", (d: Buffer) => process.stderr.write(`[${id}] ${d}`));
    child.stderr!.on("data", (d: Buffer) => process.stderr.write(`[${id}!] ${d}`));
  }
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err = (err + d.toString()).slice(-3000)));
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      if (code && code !== 0) console.error(`${id} exited ${code}: ${err}`);
      resolve(code);
    }),
  );
  const runner = { id, child, exited };
  f.runners.push(runner);
  return runner;
}

/** Polls `check` until it returns a value (not undefined) or the deadline passes. */
export async function until<T>(check: () => Promise<T | undefined>, ms: number, what: string) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
