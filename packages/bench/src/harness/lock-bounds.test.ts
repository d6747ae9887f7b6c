// One reading of "the task config a lock report records": the bounds (runs) and the
// reproduction's lock selection (labels) parse it with the same schema.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { lockReportTaskConfig, readLockBounds } from "./lock-bounds";

const report = {
  task: "program-synthesis",
  taskVersion: "1",
  withPassword: 0.9,
  withoutPassword: 0.2,
  validationProblems: 64,
};

test("readLockBounds and lockReportTaskConfig read the same task config", async () => {
  const dir = mkdtempSync(join(tmpdir(), "lockpick-bounds-"));
  try {
    for (const r of [report, { ...report, taskConfig: { lines: 1 } }]) {
      writeFileSync(join(dir, "lock-report.json"), JSON.stringify(r));
      const bounds = await readLockBounds(dir);
      assert.deepEqual(bounds.taskConfig, lockReportTaskConfig(r));
      assert.deepEqual([bounds.floor, bounds.ceiling], [0.2, 0.9]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("lockReportTaskConfig needs only the config: none recorded, or no report, is undefined", () => {
  assert.deepEqual(lockReportTaskConfig({ lockGap: 0.7, taskConfig: { lines: 1 } }), {
    lines: 1,
  });
  assert.equal(lockReportTaskConfig({ lockGap: 0.7 }), undefined);
  assert.equal(lockReportTaskConfig(null), undefined);
  assert.equal(lockReportTaskConfig({ taskConfig: "lines 1" }), undefined);
});
