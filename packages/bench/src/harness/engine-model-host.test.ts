// The engine host serves a locked checkpoint at any X of the task version's N it was locked on
// (an X bump leaves problems, splits and scores as they were), never at another N.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { createTask } from "@lockpick/tasks";
import { referenceModelDir } from "../lock/reference-models";
import { copyLockWithTaskVersion } from "../lock/testing";
import { createHost } from "./engine-model-host";

const TASK = "function-composition";
const current = createTask(TASK).version;
const [n, x] = current.split("-").map(Number) as [number, number];

let home: string;
before(async () => {
  home = await mkdtemp(join(tmpdir(), "lockpick-host-version-"));
});
after(() => rm(home, { recursive: true, force: true }));

const lockedOn = (version: string) =>
  copyLockWithTaskVersion(referenceModelDir(TASK), join(home, version), version);

test("a checkpoint locked on another X of the same N is served", async () => {
  const modelDir = await lockedOn(`${n}-${x + 1}`);
  const host = await createHost({ modelDir, backend: "cpu", poolSize: 8 }, 1);
  try {
    // The host reports the version the run was scored at: the task's, not the checkpoint's.
    assert.equal(host.info.taskVersion, current);
  } finally {
    host.dispose();
  }
});

test("a checkpoint locked on another N is refused, naming both versions", async () => {
  const modelDir = await lockedOn(`${n + 1}-0`);
  await assert.rejects(
    createHost({ modelDir, backend: "cpu", poolSize: 8 }, 1),
    new RegExp(`^Error: model locked on ${TASK} ${n + 1}-0, task is ${current}: N differs`),
  );
});
