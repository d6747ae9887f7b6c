import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { buildLock } from "../../lock/build-lock";
import { recipeFromOverrides } from "../../lock/recipes";

const bin = fileURLToPath(new URL("../../../bin/lockpick.mjs", import.meta.url));

test("`lockpick models verify <dir>` prints the lock report as JSON on its last line", async () => {
  const dir = await mkdtemp(join(tmpdir(), "lockpick-verify-"));
  try {
    // A barely trained function-composition lock: the point is the command, not the lock.
    const recipe = recipeFromOverrides({
      extends: "tiny",
      strongBase: { maxSteps: 10, evalEvery: 10, cooldownSteps: 5, devProblems: 8 },
      lock: { schedule: { steps: 10, cooldownSteps: 2 } },
      decoys: { random: 4 },
      evaluation: { validationProblems: 16, screenProblems: 4, rescoreTop: 1 },
    });
    const out = join(dir, "model");
    const { report } = await buildLock("function-composition", recipe, out, { workers: 1 });
    const run = spawnSync(process.execPath, [bin, "models", "verify", out, "--workers", "1"], {
      encoding: "utf8",
    });
    assert.equal(run.status, 0, run.stderr);
    const last = run.stdout.trim().split("\n").at(-1) ?? "";
    const line = JSON.parse(last) as Record<string, unknown>;
    for (const key of [
      "task",
      "strong",
      "weak",
      "withPassword",
      "withoutPassword",
      "bruteForceBest",
      "bruteForceTried",
      "recipe",
    ])
      assert.ok(key in line, `${key} in the JSON line`);
    assert.equal(line.task, "function-composition");
    assert.equal(line.withPassword, report.withPassword);
    assert.equal(line.withoutPassword, report.withoutPassword);
    assert.deepEqual(line.recipe, recipe);
    const stored = JSON.parse(await readFile(join(out, "lock-report.json"), "utf8")) as {
      bruteForceTried: number;
    };
    assert.equal(line.bruteForceTried, stored.bruteForceTried);

    // A larger audit than the build's: the report's recipe records the sizes it used.
    const larger = spawnSync(
      process.execPath,
      [bin, "models", "verify", out, "--workers", "1", "--validation-problems", "24"],
      { encoding: "utf8" },
    );
    assert.equal(larger.status, 0, larger.stderr);
    const largerLine = JSON.parse(larger.stdout.trim().split("\n").at(-1) ?? "") as {
      recipe: typeof recipe;
    };
    assert.deepEqual(largerLine.recipe.evaluation, {
      ...recipe.evaluation,
      validationProblems: 24,
    });
    const bad = spawnSync(
      process.execPath,
      [bin, "models", "verify", out, "--screen-problems", "0"],
      {
        encoding: "utf8",
      },
    );
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /--screen-problems must be a positive integer/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
