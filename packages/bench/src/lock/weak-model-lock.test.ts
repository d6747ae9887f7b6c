// A lock whose π_weak is a model ships it in `weak/` (pinned by hash in the lock's manifest);
// `verify` re-audits with it (never with the task's rule-based weak policy) and refuses a lock
// that lost it or whose π_weak was swapped; `lockpick models attach-weak`
// ships it afterwards from the build's stage store.
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { modelsCommand } from "../cli/commands/models";
import { readCheckpointManifest } from "../engine";
import { attachWeakFromStages, buildLock } from "./build-lock";
import { readLockManifest, weakDir } from "./locked-model";
import { recipeFromOverrides } from "./recipes";
import { reverseToyTask } from "./toy-task";
import { verifyLock } from "./verify-lock";

// Only π_weak has to learn something: the strong base and the lock barely train.
const recipe = recipeFromOverrides({
  extends: "tiny",
  name: "toy-weak-model",
  strongBase: { maxSteps: 20, evalEvery: 20, cooldownSteps: 0, devProblems: 8 },
  weak: {
    kind: "model",
    architecture: { layers: 1, dModel: 32, heads: 2, mlpRatio: 2 },
    optimizer: {
      kind: "adamw",
      lr: 0.003,
      beta1: 0.9,
      beta2: 0.98,
      weightDecay: 0,
      clip: 1,
    },
    schedule: { steps: 150, batchSize: 32, warmupSteps: 10, cooldownSteps: 20 },
  },
  lock: { schedule: { steps: 10, batchSize: 16, cooldownSteps: 0 }, mining: null },
  decoys: { random: 4, twoToken: 0 },
  evaluation: { validationProblems: 60, screenProblems: 8, rescoreTop: 1 },
});

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

test("a weak-model lock ships weak/, verify audits with it, attach-weak restores it", async () => {
  const home = await mkdtemp(join(tmpdir(), "lockpick-weak-lock-"));
  dirs.push(home);
  const task = reverseToyTask();
  const out = join(home, "out");
  const stages = join(home, "stages");
  const { report } = await buildLock(task, recipe, out, { workers: 1, stagesDir: stages });
  // The toy task's weak policy copies the digits: never right. π_weak the model gets some right,
  // so a report that used the policy would say 0.
  assert.ok(report.weak > 0, `π_weak the model learned something (${report.weak})`);

  const manifest = await readLockManifest(out);
  assert.equal(manifest.weak, "weak");
  const weak = weakDir(out, manifest)!;
  const weakManifest = await readCheckpointManifest(weak);
  assert.deepEqual(weakManifest.recipe, { stage: "weak", weak: recipe.weak });
  assert.deepEqual(weakManifest.task, { id: task.id, version: task.version });
  assert.equal(weakManifest.architecture.dModel, 32);

  const verified = await verifyLock(out, { task, workers: 1 });
  assert.equal(verified.weak, report.weak, "verify's π_weak is the shipped model's");

  // A lock written before builds shipped π_weak: no weak/ recorded. verify refuses it.
  await rm(weak, { recursive: true });
  const path = join(out, "lockpick.json");
  const json = JSON.parse(await readFile(path, "utf8")) as { extra: { lock: { weak?: string } } };
  delete json.extra.lock.weak;
  await writeFile(path, JSON.stringify(json, null, 2));
  assert.equal((await readLockManifest(out)).weak, undefined, "an old manifest still loads");
  await assert.rejects(verifyLock(out, { task, workers: 1 }), (error: Error) =>
    error.message.includes(join(out, "weak")),
  );

  // attach-weak finds the build's weak-<hash> stage and ships it again.
  await assert.rejects(attachWeakFromStages(out, join(home, "nowhere"), { task }), /weak-/);
  assert.equal(await modelsCommand.run(["attach-weak", out]), 2, "usage without --stages");
  const stage = await attachWeakFromStages(out, stages, { task });
  assert.match(stage, /weak-[0-9a-f]{12}$/);
  assert.equal((await readLockManifest(out)).weak, "weak");
  const reattached = await verifyLock(out, { task, workers: 1 });
  assert.equal(reattached.weak, report.weak);
  assert.equal(reattached.withPassword, report.withPassword, "the locked model still loads");

  // The manifest pins π_weak's lockpick.json: a swapped π_weak is refused, not audited.
  const pinned = (await readLockManifest(out)).weakSha256;
  assert.match(pinned ?? "", /^[0-9a-f]{64}$/);
  const weakJson = join(out, "weak", "lockpick.json");
  const edited = JSON.parse(await readFile(weakJson, "utf8")) as { seed: number };
  edited.seed += 1;
  await writeFile(weakJson, JSON.stringify(edited, null, 2));
  await assert.rejects(verifyLock(out, { task, workers: 1 }), /not the π_weak this lock was built/);
});
