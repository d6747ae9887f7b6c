import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { buildLock } from "./build-lock";
import type { ProgressEvent } from "./progress";
import { recipeFromOverrides } from "./recipes";
import { reverseToyTask } from "./toy-task";
import { verifyLock } from "./verify-lock";

// Small enough to train in well under a minute on one busy core.
const recipe = recipeFromOverrides({
  extends: "tiny",
  name: "toy",
  architecture: { layers: 2, dModel: 32, heads: 2, mlpRatio: 2 },
  strongBase: {
    maxSteps: 400,
    evalEvery: 100,
    cooldownAt: 0.9,
    cooldownSteps: 50,
    batchSize: 32,
    optimizer: { lr: 0.003 },
  },
  lock: { schedule: { steps: 300, cooldownSteps: 30 }, optimizer: { lr: 0.002 } },
  decoys: { random: 10 },
  evaluation: { validationProblems: 100, screenProblems: 20, rescoreTop: 2 },
});

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

test("a tiny end-to-end lock shows a gap, resumes after an interruption, and verifies", async () => {
  const dir = await mkdtemp(join(tmpdir(), "lockpick-lock-"));
  dirs.push(dir);
  const task = reverseToyTask();
  const out = join(dir, "out");
  const opts = { workers: 1, saveEvery: 50, stagesDir: join(dir, "stages") };

  // Interrupt the lock stage after its first checkpoints.
  const interrupted = buildLock(task, recipe, out, {
    ...opts,
    onProgress: (e: ProgressEvent) => {
      if (e.stage.startsWith("lock-") && e.done === 120) throw new Error("interrupted");
    },
  });
  await assert.rejects(interrupted, /interrupted/);

  // The rerun skips π_strong_base and continues the lock from its last checkpoint (step 100).
  const events: ProgressEvent[] = [];
  const result = await buildLock(task, recipe, out, { ...opts, onProgress: (e) => events.push(e) });
  const { report } = result;
  assert.ok(!events.some((e) => e.stage.startsWith("strong-base")), "strong base not retrained");
  const firstStep = events.find((e) => e.stage.startsWith("lock-") && e.note?.startsWith("loss"));
  assert.equal(firstStep?.done, 101, "the lock resumes after step 100");
  // The tiny recipe mines hard negatives every 100 steps; the rounds survive the restart.
  assert.deepEqual(
    report.training?.mining?.map((r) => r.step),
    [0, 100, 200],
  );

  assert.ok(report.strong >= 0.8, `π_strong learned the task (${report.strong})`);
  assert.ok(
    report.withPassword - report.withoutPassword >= 0.4,
    `with ${report.withPassword} vs without ${report.withoutPassword}`,
  );
  assert.ok(report.bruteForceTried >= 250);
  assert.deepEqual(report.recipe, recipe, "the report repeats the recipe");
  // Public model: the password ships beside the checkpoint, never inside its manifest.
  const manifest = await readFile(join(out, "lockpick.json"), "utf8");
  const password = JSON.parse(await readFile(join(out, "password.json"), "utf8")) as {
    passwords: Record<string, string>;
  };
  assert.ok(!manifest.includes(password.passwords["*"] as string));

  // verify re-evaluates from the files alone and reproduces the report's figures.
  const verified = await verifyLock(out, { task, workers: 1 });
  assert.equal(verified.withPassword, report.withPassword);
  assert.equal(verified.withoutPassword, report.withoutPassword);
  assert.equal(verified.strong, report.strong);
});
