// `verify` re-audits a lock only on a task version of the N it was locked on.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { createTask } from "@lockpick/tasks";
import { referenceModelDir } from "./reference-models";
import { copyLockWithTaskVersion } from "./testing";
import { verifyLock } from "./verify-lock";

test("a lock of another N is refused before any re-evaluation, naming both versions", async () => {
  const task = "function-composition";
  const current = createTask(task).version;
  const next = `${Number(current.split("-")[0]) + 1}-0`;
  const home = await mkdtemp(join(tmpdir(), "lockpick-verify-version-"));
  try {
    const dir = await copyLockWithTaskVersion(referenceModelDir(task), join(home, "lock"), next);
    await assert.rejects(verifyLock(dir, { workers: 1 }), (error: Error) =>
      error.message.startsWith(
        `${dir} was locked on ${task} ${next}, task is ${current}: N differs`,
      ),
    );
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});
