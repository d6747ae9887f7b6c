// Test helpers over the shipped locks (`@lockpick/bench/lock/testing`): never used by the
// pipeline itself.
import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

type Edit = (json: Record<string, unknown>) => void;

async function editJson(path: string, edit: Edit) {
  const json = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
  edit(json);
  await writeFile(path, `${JSON.stringify(json, null, 2)}\n`);
}

/** A copy of the locked model in `from` at `to`, its manifest and lock report edited. */
async function copyLock(
  from: string,
  to: string,
  edit: { meta: Edit; report: Edit },
): Promise<string> {
  await cp(from, to, { recursive: true });
  await editJson(join(to, "lockpick.json"), edit.meta);
  await editJson(join(to, "lock-report.json"), edit.report);
  return to;
}

/**
 * A copy of the locked model in `from` at `to` that says it was built on `taskConfig` (null: no
 * config recorded, as in checkpoints older than the field). The weights stay those of `from`: a
 * cheap stand-in for a lock built on another config, for tests of who reads the config (the
 * manifest's `lockpick.json` is not hashed, so the copy still loads).
 */
export function copyLockWithTaskConfig(
  from: string,
  to: string,
  taskConfig: Record<string, unknown> | null,
): Promise<string> {
  return copyLock(from, to, {
    meta: (meta) => {
      const lock = (meta.extra as { lock: Record<string, unknown> }).lock;
      if (taskConfig) lock.taskConfig = taskConfig;
      else delete lock.taskConfig;
    },
    report: (report) => {
      if (taskConfig) report.taskConfig = taskConfig;
      else delete report.taskConfig;
    },
  });
}

/**
 * A copy of the locked model in `from` at `to` that says it was locked on task version
 * `taskVersion` (same weights; for tests of who compares versions).
 */
export function copyLockWithTaskVersion(
  from: string,
  to: string,
  taskVersion: string,
): Promise<string> {
  return copyLock(from, to, {
    meta: (meta) => {
      (meta.task as { version: string }).version = taskVersion;
    },
    report: (report) => {
      report.taskVersion = taskVersion;
    },
  });
}
