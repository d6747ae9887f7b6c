import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { listRuns, listRunLogs } from "@lockpick/db";
import { openFixture, seedSubmission, spawnRunner, until, type Fixture } from "./test/fixture";

async function evaluate(
  f: Fixture,
  submissionId: string,
  task: string,
  budgets: number[],
  seeds: number,
) {
  await f.jobs.enqueue({
    name: "evaluate-submission",
    payload: { submissionId, tasks: [task], budgets, seeds },
  });
}

const terminal = new Set(["succeeded", "failed", "errored", "cancelled"]);

async function allFinished(f: Fixture, submissionId: string, expected: number) {
  const rows = await listRuns(f.db.db, submissionId);
  if (rows.length === expected && rows.every((r) => terminal.has(r.run.status))) return rows;
  return undefined;
}

describe("runner", () => {
  let f: Fixture;
  before(async () => {
    f = await openFixture();
  });
  after(async () => f.close());

  test("evaluates a submission: runs, progress, logs, one result each", async () => {
    const { submission, task } = await seedSubmission(f, { params: { syntheticMs: 600 } });
    const runner = spawnRunner(f);
    try {
      await evaluate(f, submission.id, task.slug, [1, 4], 2);
      const rows = await until(() => allFinished(f, submission.id, 8), 60_000, "8 runs");
      for (const { run, result } of rows) {
        assert.equal(run.status, "succeeded");
        assert.equal(run.percent, 100);
        assert.ok(result, "one result per run");
        assert.equal(result.reproducibility.seed, run.seed);
      }
      const logs = await listRunLogs(f.db.db, rows[0]!.run.id);
      assert.ok(logs.some((l) => l.line.startsWith("synthetic step")));
    } finally {
      runner.child.kill("SIGTERM");
      assert.equal(await runner.exited, 0);
    }
  });
});
