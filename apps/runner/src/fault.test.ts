// The fault test: runs survive runners killed with SIGKILL mid-run, and each ends with exactly
// one result. Also: graceful SIGTERM, and failure as data (plugin failures, crashing workers).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { listRuns, type DbHandle } from "@lockpick/db";
import { sql } from "drizzle-orm";
import { openFixture, seedSubmission, spawnRunner, until, type Fixture } from "./test/fixture";

const terminal = new Set(["succeeded", "failed", "errored", "cancelled"]);

async function finished(f: Fixture, submissionId: string, expected: number) {
  const rows = await listRuns(f.db.db, submissionId);
  return rows.length === expected && rows.every((r) => terminal.has(r.run.status))
    ? rows
    : undefined;
}

async function resultCounts(db: DbHandle, submissionId: string) {
  const rows = await db.db.execute<{ n: number }>(
    sql`select count(res.id)::int as n from runs r left join results res on res.run_id = r.id
        where r.submission_id = ${submissionId} group by r.id`,
  );
  return (Array.isArray(rows) ? rows : (rows as { rows: { n: number }[] }).rows).map((r) => r.n);
}

describe("runner faults", () => {
  let f: Fixture;
  before(async () => {
    f = await openFixture();
  });
  after(async () => f.close());

  test(
    "SIGKILL of a runner mid-run, 3 times: every run ends with exactly one result",
    { timeout: 240_000 },
    async () => {
      const { submission, task } = await seedSubmission(f, {
        models: 2,
        params: { syntheticMs: 4000 },
      });
      // Generous attempts: a run may be unlucky enough to be on the killed runner more than once.
      // The steady runner takes one run at a time, so work is left for each restarted victim.
      const env = { LOCKPICK_MAX_ATTEMPTS: "6" };
      const steady = spawnRunner(f, { ...env, LOCKPICK_RUNNER_CONCURRENCY: "1" });
      let victim = spawnRunner(f, env);
      await f.jobs.enqueue({
        name: "evaluate-submission",
        payload: { submissionId: submission.id, tasks: [task.slug], budgets: [1, 4, 16], seeds: 4 },
      });
      const expected = 24;
      // Runs in progress on the victim when it was killed (a run can be hit more than once).
      const hits: string[] = [];
      try {
        for (let kill = 0; kill < 3; kill++) {
          const holder = victim.id;
          // Mid-run: started, and far enough from the end that it cannot finish before the kill.
          const inProgress = await until(
            async () => {
              const rows = await listRuns(f.db.db, submission.id);
              const mine = rows.filter(
                (r) =>
                  r.run.runnerId === holder &&
                  r.run.status === "running" &&
                  (r.run.percent ?? 0) > 0 &&
                  (r.run.percent ?? 0) < 50,
              );
              return mine.length > 0 ? mine.map((r) => r.run.id) : undefined;
            },
            60_000,
            `a run in progress on ${holder}`,
          );
          victim.child.kill("SIGKILL");
          hits.push(...inProgress);
          await victim.exited;
          victim = spawnRunner(f, env);
        }
        const rows = await until(() => finished(f, submission.id, expected), 150_000, "all runs");
        assert.deepEqual(
          rows.filter((r) => r.run.status !== "succeeded").map((r) => r.run.status),
          [],
        );
        assert.deepEqual(await resultCounts(f.db, submission.id), Array(expected).fill(1));
        // Every run hit by a kill was retried (once more per hit) and still has its one result.
        assert.ok(hits.length >= 3);
        for (const id of new Set(hits)) {
          const row = rows.find((r) => r.run.id === id)!;
          const times = hits.filter((h) => h === id).length;
          assert.ok(row.run.attempts >= times + 1, `run ${id} hit ${times}× was retried`);
          assert.ok(row.result, "a retried run has its result");
        }
      } finally {
        for (const r of [steady, victim]) r.child.kill("SIGKILL");
        await Promise.all([steady.exited, victim.exited]);
      }
    },
  );

  test("SIGTERM: running jobs finish within the grace period, then the runner exits 0", async () => {
    const { submission, task } = await seedSubmission(f, {
      models: 1,
      params: { syntheticMs: 2500 },
    });
    const runner = spawnRunner(f, { LOCKPICK_RUNNER_GRACE_SECONDS: "60" });
    await f.jobs.enqueue({
      name: "evaluate-submission",
      payload: { submissionId: submission.id, tasks: [task.slug], budgets: [1], seeds: 2 },
    });
    await until(
      async () => {
        const rows = await listRuns(f.db.db, submission.id);
        return rows.length === 2 && rows.every((r) => r.run.status === "running")
          ? true
          : undefined;
      },
      60_000,
      "both runs running",
    );
    runner.child.kill("SIGTERM");
    assert.equal(await runner.exited, 0);
    const rows = await listRuns(f.db.db, submission.id);
    assert.deepEqual(
      rows.map((r) => [r.run.status, r.run.attempts, Boolean(r.result)]),
      [
        ["succeeded", 1, true],
        ["succeeded", 1, true],
      ],
    );
  });

  test("SIGTERM past the grace period releases runs; another runner completes them", async () => {
    const { submission, task } = await seedSubmission(f, {
      models: 1,
      params: { syntheticMs: 5000 },
    });
    const first = spawnRunner(f, { LOCKPICK_RUNNER_GRACE_SECONDS: "0.5" });
    await f.jobs.enqueue({
      name: "evaluate-submission",
      payload: { submissionId: submission.id, tasks: [task.slug], budgets: [1], seeds: 1 },
    });
    await until(
      async () => {
        const [row] = await listRuns(f.db.db, submission.id);
        return row?.run.status === "running" && (row.run.percent ?? 0) > 0 ? true : undefined;
      },
      60_000,
      "the run running",
    );
    first.child.kill("SIGTERM");
    assert.equal(await first.exited, 0);
    const [released] = await listRuns(f.db.db, submission.id);
    assert.equal(released?.run.status, "queued");
    assert.equal(released?.run.attempts, 0, "a release is not a failed attempt");
    const second = spawnRunner(f);
    try {
      const [row] = await until(() => finished(f, submission.id, 1), 60_000, "the run");
      assert.equal(row?.run.status, "succeeded");
      assert.equal(row?.run.attempts, 1);
    } finally {
      second.child.kill("SIGTERM");
      await second.exited;
    }
  });

  test("failure is data: plugin failures are final, crashing workers end errored", async () => {
    const plugin = await seedSubmission(f, {
      models: 1,
      params: { syntheticMs: 300, syntheticFail: "plugin" },
    });
    const crash = await seedSubmission(f, {
      models: 1,
      params: { syntheticMs: 3000, syntheticFail: "crash" },
    });
    const runner = spawnRunner(f);
    try {
      for (const s of [plugin, crash]) {
        await f.jobs.enqueue({
          name: "evaluate-submission",
          payload: { submissionId: s.submission.id, tasks: [s.task.slug], budgets: [1], seeds: 1 },
        });
      }
      const [failed] = await until(
        () => finished(f, plugin.submission.id, 1),
        60_000,
        "plugin run",
      );
      assert.equal(failed?.run.status, "failed");
      assert.equal(failed?.run.errorKind, "plugin");
      assert.match(failed?.run.failureReason ?? "", /synthetic plugin failure/);
      assert.equal(failed?.run.attempts, 1);
      const [errored] = await until(() => finished(f, crash.submission.id, 1), 90_000, "crash run");
      assert.equal(errored?.run.status, "errored");
      assert.equal(errored?.run.errorKind, "infra");
      assert.equal(errored?.run.attempts, 3);
      assert.match(errored?.run.failureReason ?? "", /worker crashed/);
      assert.equal(errored?.result, null);
    } finally {
      runner.child.kill("SIGTERM");
      await runner.exited;
    }
  });
});
