// Every shipped reference checkpoint loads with its SHA-256 manifest intact, belongs to its
// task, is small, and (for locked variants) carries a lock report and its public password.
// Loading only: no re-audit (`lockpick models verify --task <id>` does that, in minutes).
import assert from "node:assert/strict";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { createTask } from "@lockpick/tasks";
import { disposeModel, initBackend, readCheckpointManifest } from "../engine";
import {
  loadModel,
  readLockManifest,
  readPasswordFile,
  readStoredReport,
  strongDir,
  weakDir,
  loadWeakModel,
} from "./locked-model";
import { listReferenceModels } from "./reference-models";

const MAX_BYTES = 5 * 1024 * 1024;
/** Bytes of every file under `dir` (a weak-model lock ships π_weak in `weak/`). */
const dirBytes = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce(
    (sum, e) =>
      sum + (e.isDirectory() ? dirBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size),
    0,
  );

const shipped = listReferenceModels();

test("every shipped checkpoint loads with verified hashes and is at most 5 MB", async () => {
  await initBackend();
  assert.ok(shipped.length > 0, "no shipped models found");
  for (const { task, variant, dir } of shipped) {
    const manifest = await readCheckpointManifest(dir);
    assert.equal(manifest.task?.id, task, `${task}/${variant}: manifest task`);
    assert.ok(dirBytes(dir) <= MAX_BYTES, `${task}/${variant} is larger than 5 MB`);
    const model = await loadModel(dir, createTask(task).vocab.tokens); // throws on a bad hash
    disposeModel(model);
  }
});

test("every shipped lock has its lock report, public password and strong base", async () => {
  for (const { task, variant, dir } of shipped.filter((m) => m.variant !== "strong-base")) {
    const lock = await readLockManifest(dir);
    const report = await readStoredReport(dir);
    assert.ok(report, `${task}/${variant}: lock-report.json`);
    assert.equal(report.task, task);
    assert.equal(report.recipe.name, lock.recipe.name, `${task}/${variant}: report recipe`);
    assert.ok(await readPasswordFile(dir), `${task}/${variant}: password.json`);
    assert.ok(
      existsSync(join(strongDir(dir, lock), "lockpick.json")),
      `${task}/${variant}: π_strong`,
    );
    // A weak-model lock ships π_weak, pinned by hash (the harness lends its demonstrations).
    const weak = weakDir(dir, lock);
    assert.equal(
      weak !== undefined,
      lock.recipe.weak.kind === "model",
      `${task}/${variant}: π_weak`,
    );
    if (weak) {
      assert.ok(lock.weakSha256, `${task}/${variant}: π_weak's hash is pinned`);
      disposeModel(await loadWeakModel(weak, lock, createTask(task).vocab.tokens));
    }
  }
});
