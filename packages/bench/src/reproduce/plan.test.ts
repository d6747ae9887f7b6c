// The reproduction's plan runs only the shipped locks `npm start` would register: a lock whose
// lock gap is tiny is left out, with its reason, and no run of the plan touches it.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { buildPlan, selectShippedLocks } from "./plan";

function writeLock(root: string, task: string, variant: string, report: object | null) {
  const dir = join(root, task, variant);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "lockpick.json"), "{}");
  if (report) writeFileSync(join(dir, "lock-report.json"), JSON.stringify(report));
}

test("selectShippedLocks skips tiny lock gaps with a reason, and the plan never runs them", () => {
  const root = mkdtempSync(join(tmpdir(), "lockpick-plan-"));
  try {
    const rates = (withPassword: number, withoutPassword: number) => ({
      withPassword,
      withoutPassword,
      lockGap: withPassword - withoutPassword,
    });
    writeLock(root, "function-composition", "ft-default", rates(0.994, 0.257));
    writeLock(root, "function-composition", "scratch", rates(0.899, 0.217));
    writeLock(root, "multiple-choice", "ft-default", rates(0.421, 0.392));
    writeLock(root, "multiple-choice", "strong-base", null); // not a lock: no report
    // Built on a non-default task config: the lock keeps it (for its label), the plan does not.
    writeLock(root, "program-synthesis", "ft-default", {
      ...rates(0.9, 0.2),
      taskConfig: { lines: 1 },
    });

    const { locks, skipped } = selectShippedLocks(root);
    assert.deepEqual(
      locks.map((l) => `${l.task}/${l.variant}`),
      [
        "function-composition/ft-default",
        "function-composition/scratch",
        "program-synthesis/ft-default",
      ],
    );
    assert.deepEqual(locks.at(-1)!.taskConfig, { lines: 1 });
    assert.equal(locks[0]!.taskConfig, undefined);
    assert.equal(skipped.length, 1);
    assert.equal(`${skipped[0]!.task}/${skipped[0]!.variant}`, "multiple-choice/ft-default");
    assert.match(skipped[0]!.reason, /lock gap 2\.9 points/);

    const plan = buildPlan({
      models: locks.slice(0, 2),
      domains: { "function-composition": ["a"] },
    });
    assert.ok(plan.length > 0);
    assert.ok(plan.every((s) => s.task === "function-composition"));
    const ps = buildPlan({ models: locks.slice(2), domains: {} });
    assert.ok(ps.length > 0 && ps.every((s) => !("taskConfig" in s)), "cache keys carry no config");
    assert.ok(plan.some((s) => s.group === "locks" && s.variant === "scratch"));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
