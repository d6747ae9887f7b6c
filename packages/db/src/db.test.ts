import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { createDb, type DbHandle } from "./client";
import { migrate } from "./migrate";
import { startDbOwner } from "./owner";
import * as q from "./queries/index";
import { insertSubmissionSchema } from "./validators";
import { testDatabases } from "./test/databases";

const sha = (s: string) => s.repeat(64).slice(0, 64);

/** A published task with one public and one private model, and a submission. */
async function seed(h: DbHandle) {
  const tag = randomUUID().slice(0, 8);
  await q.upsertTaskFamily(h.db, { id: "toy", title: "Toy", version: "1" });
  const task = await q.createTaskInstance(h.db, {
    slug: `toy-${tag}`,
    familyId: "toy",
    title: "Toy",
    config: { n: 1 },
    status: "published",
  });
  const model = (visibility: "public" | "private", name: string) =>
    q.upsertLockedModel(h.db, {
      taskInstanceId: task.id,
      name,
      visibility,
      status: "published",
      password: "hunter2 hunter2",
      checkpointSha256: sha("a"),
    });
  const pub = await model("public", "public-1");
  const priv = await model("private", "private-1");
  const author = await q.ensureUser(h.db, { email: `r-${tag}@example.org`, name: "R" });
  const submission = await q.createSubmission(h.db, {
    authorId: author.id,
    name: `m-${tag}`,
    track: "demonstrations",
    source: "export default 1",
    bundle: "module.exports = 1",
    bundleSha256: sha("b"),
  });
  return { task, pub, priv, author, submission, tag };
}

for (const target of testDatabases()) {
  describe(`database on ${target.name}`, () => {
    let h: DbHandle;
    before(async () => {
      h = await target.open();
    });
    after(async () => h.close());

    test("migrations are idempotent", async () => {
      await migrate(h);
      const rows = await h.db.execute(
        "select count(*)::int as n from drizzle.__drizzle_migrations",
      );
      assert.ok(rows);
    });

    test("queries for clients never carry the password", async () => {
      const { pub, task } = await seed(h);
      assert.equal("password" in pub, false);
      const listed = await q.listModels(h.db, { taskInstanceId: task.id });
      assert.equal(listed.length, 2);
      for (const m of listed) assert.equal("password" in m, false);
      const secret = await q.getModelWithSecret(h.db, pub.id);
      assert.equal(secret?.password, "hunter2 hunter2");
    });

    test("run keys are unique and expansion is idempotent", async () => {
      const { pub, priv, submission } = await seed(h);
      const specs = [pub, priv].flatMap((m) =>
        [0, 1, 2].map((seed) => ({ lockedModelId: m.id, budget: 16, seed })),
      );
      assert.equal((await q.createRuns(h.db, submission.id, specs)).length, 6);
      assert.equal((await q.createRuns(h.db, submission.id, specs)).length, 6);
    });

    test("a result is written exactly once, even by racing runners", async () => {
      const { pub, submission } = await seed(h);
      const [run] = await q.createRuns(h.db, submission.id, [
        { lockedModelId: pub.id, budget: 4, seed: 0 },
      ]);
      const claim = await q.claimRun(h.db, run!.id, "runner-a", 3);
      assert.equal(claim.action, "run");
      const writes = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          q.recordResult(h.db, {
            runId: run!.id,
            correctness: 0.5,
            recovery: 0.25 + i,
            runnerId: `runner-${i}`,
          }),
        ),
      );
      assert.equal(writes.filter(Boolean).length, 1);
      const result = await q.getResult(h.db, run!.id);
      assert.ok(result);
      assert.equal((await q.getRun(h.db, run!.id))?.status, "succeeded");
      // A late runner whose lease had expired cannot overwrite it either.
      assert.equal(
        await q.recordResult(h.db, { runId: run!.id, correctness: 1, recovery: 1 }),
        false,
      );
      assert.equal((await q.getResult(h.db, run!.id))?.id, result.id);
    });

    test("claims count attempts; the fourth claim of an unfinished run marks it errored", async () => {
      const { pub, submission } = await seed(h);
      const [run] = await q.createRuns(h.db, submission.id, [
        { lockedModelId: pub.id, budget: 4, seed: 1 },
      ]);
      for (let i = 1; i <= 3; i++) {
        const c = await q.claimRun(h.db, run!.id, `r${i}`, 3);
        assert.equal(c.action, "run");
        assert.equal(
          await q.heartbeatRun(h.db, run!.id, `r${i}`, { phase: "train", percent: 10 }),
          true,
        );
      }
      assert.equal(await q.heartbeatRun(h.db, run!.id, "r1"), false, "an old lease holder is told");
      assert.deepEqual(await q.claimRun(h.db, run!.id, "r4", 3), { action: "errored" });
      const errored = await q.getRun(h.db, run!.id);
      assert.equal(errored?.status, "errored");
      assert.equal(errored?.errorKind, "infra");
      assert.deepEqual(await q.claimRun(h.db, run!.id, "r5", 3), {
        action: "skip",
        status: "errored",
      });
    });

    test("plugin failures are final and recorded with their reason", async () => {
      const { pub, submission } = await seed(h);
      const [run] = await q.createRuns(h.db, submission.id, [
        { lockedModelId: pub.id, budget: 1, seed: 0 },
      ]);
      await q.claimRun(h.db, run!.id, "r", 3);
      assert.equal(
        await q.failRun(h.db, run!.id, "budget", "budget exceeded: demonstrations"),
        true,
      );
      const failed = await q.getRun(h.db, run!.id);
      assert.equal(failed?.status, "failed");
      assert.equal(failed?.errorKind, "budget");
      assert.equal(await q.refreshSubmissionStatus(h.db, submission.id), "failed");
    });

    test("a submission keeps its dry run and its bundle's source map; older rows read null", async () => {
      const { submission: legacy, author, tag } = await seed(h);
      const dryRun = {
        ok: true,
        outcome: "budget-exhausted",
        task: "function-composition",
        lock: "ft-default",
        budget: 1,
        seconds: 3.25,
        correctness: 0.4375,
        problems: 16,
        error: "BudgetExceededError: demonstrations requested 5, remaining 1",
        at: new Date().toISOString(),
      };
      const input = insertSubmissionSchema.parse({
        authorId: author.id,
        name: `dry-${tag}`,
        track: "demonstrations",
        source: "export default 1",
        bundle: "module.exports = 1",
        bundleSha256: sha("d"),
        bundleSourceMap: '{"version":3,"sources":["plugin.ts"],"mappings":"AAAA"}',
        dryRun,
      });
      const created = await q.createSubmission(h.db, input);
      const read = await q.getSubmission(h.db, created.id);
      assert.deepEqual(read?.submission.dryRun, dryRun);
      assert.equal(read?.submission.bundleSourceMap, input.bundleSourceMap);
      const old = await q.getSubmission(h.db, legacy.id);
      assert.equal(old?.submission.dryRun, null);
      assert.equal(old?.submission.bundleSourceMap, null);
    });

    test("cancelling a submission cancels its open runs; a cancelled run takes no result", async () => {
      const { pub, submission } = await seed(h);
      const created = await q.createRuns(h.db, submission.id, [
        { lockedModelId: pub.id, budget: 1, seed: 0 },
        { lockedModelId: pub.id, budget: 1, seed: 1 },
      ]);
      await q.claimRun(h.db, created[0]!.id, "r", 3);
      const cancelled = await q.cancelSubmission(h.db, submission.id);
      assert.equal(cancelled.length, 2);
      assert.equal(await q.heartbeatRun(h.db, created[0]!.id, "r"), false);
      assert.equal(
        await q.recordResult(h.db, { runId: created[0]!.id, correctness: 1, recovery: 1 }),
        false,
      );
    });

    test("leaderboard runs: succeeded runs of visible submissions on published tasks", async () => {
      const { pub, priv, submission, task, tag } = await seed(h);
      const mine = async () =>
        (await q.leaderboardRuns(h.db))
          .filter((r) => r.submissionId === submission.id)
          .sort((a, b) => a.modelVisibility.localeCompare(b.modelVisibility) || a.seed - b.seed);
      const before = await q.leaderboardVersion(h.db);
      const runs = await q.createRuns(
        h.db,
        submission.id,
        [pub, priv].flatMap((m) =>
          [0, 1, 2, 3].map((seed) => ({ lockedModelId: m.id, budget: 16, seed })),
        ),
      );
      for (const run of runs) {
        await q.claimRun(h.db, run.id, "r", 3);
        // Seed 3 stays running on the public model and fails on the private one: neither counts.
        if (run.seed === 3) {
          if (run.lockedModelId === priv.id) await q.failRun(h.db, run.id, "plugin", "threw");
          continue;
        }
        await q.recordResult(h.db, {
          runId: run.id,
          correctness: 0.5,
          recovery: [0.2, 0.4, 0.6][run.seed]!,
        });
      }
      const rows = await mine();
      assert.deepEqual(
        rows.map((r) => [r.modelVisibility, r.seed, r.recovery]),
        [
          ["private", 0, 0.2],
          ["private", 1, 0.4],
          ["private", 2, 0.6],
          ["public", 0, 0.2],
          ["public", 1, 0.4],
          ["public", 2, 0.6],
        ],
      );
      assert.deepEqual(
        { ...rows[0]!, seed: 0, recovery: 0 },
        {
          submissionId: submission.id,
          method: `m-${tag}`,
          author: "R",
          builtin: false,
          track: "demonstrations",
          task: task.slug,
          modelVisibility: "private",
          lockedModelId: priv.id,
          lockAcceptance: null,
          budget: 16,
          seed: 0,
          recovery: 0,
        },
      );
      const withResults = await q.leaderboardVersion(h.db);
      assert.notEqual(withResults, before, "a new result changes the fingerprint");
      assert.equal(await q.leaderboardVersion(h.db), withResults, "nothing new: same fingerprint");

      await q.setSubmissionHidden(h.db, submission.id, true);
      assert.equal((await mine()).length, 0, "hidden submissions are left out");
      const hidden = await q.leaderboardVersion(h.db);
      assert.notEqual(hidden, withResults, "hiding changes the fingerprint");
      await q.setSubmissionHidden(h.db, submission.id, false);
      assert.equal((await mine()).length, 6);
      const shown = await q.leaderboardVersion(h.db);
      assert.notEqual(shown, hidden);

      // The model's acceptance verdict comes along, and a new verdict changes the fingerprint.
      const acceptance = { accepted: true, reasons: [] };
      await q.upsertLockedModel(h.db, {
        taskInstanceId: task.id,
        name: "private-1",
        visibility: "private",
        status: "published",
        lockReport: { acceptance },
      });
      assert.deepEqual((await mine())[0]!.lockAcceptance, acceptance);
      const verdict = await q.leaderboardVersion(h.db);
      assert.notEqual(verdict, shown, "a changed verdict changes the fingerprint");
      await q.setModelStatus(h.db, priv.id, "rejected");
      assert.deepEqual(
        (await mine()).map((r) => r.modelVisibility),
        ["public", "public", "public"],
        "only published models count",
      );
      assert.notEqual(await q.leaderboardVersion(h.db), verdict, "unpublishing changes it");

      await q.setTaskInstanceStatus(h.db, task.id, "archived");
      assert.equal((await mine()).length, 0, "only published tasks count");
      const archived = await q.leaderboardVersion(h.db);
      assert.notEqual(archived, verdict, "a task change changes it too");
    });

    test("quotas are atomic and refundable", async () => {
      const { author } = await seed(h);
      const window = new Date("2026-01-01T00:00:00Z");
      const key = { userId: author.id, bucket: "submissions", window };
      const takes = await Promise.all(
        Array.from({ length: 5 }, () => q.consumeQuota(h.db, { ...key, limit: 3 })),
      );
      assert.equal(takes.filter(Boolean).length, 3);
      await q.refundQuota(h.db, key);
      assert.equal(await q.quotaUsed(h.db, key), 2);
    });

    test("a family upsert without a spec keeps the stored spec; one with a spec replaces it", async () => {
      const id = `fam-${randomUUID().slice(0, 8)}`;
      const spec = async () => (await q.listTaskFamilies(h.db)).find((f) => f.id === id)?.spec;
      await q.upsertTaskFamily(h.db, { id, title: "F", version: "1", spec: { domains: ["a"] } });
      await q.upsertTaskFamily(h.db, { id, title: "F2", version: "2" });
      assert.deepEqual(await spec(), { domains: ["a"] });
      await q.upsertTaskFamily(h.db, { id, title: "F3", version: "3", spec: { domains: ["b"] } });
      assert.deepEqual(await spec(), { domains: ["b"] });
    });

    test("logs are append-only and tail by id", async () => {
      const { pub, submission } = await seed(h);
      const [run] = await q.createRuns(h.db, submission.id, [
        { lockedModelId: pub.id, budget: 2, seed: 0 },
      ]);
      await q.appendRunLogs(h.db, run!.id, 1, [{ line: "a" }, { line: "b", level: "warn" }]);
      const first = await q.listRunLogs(h.db, run!.id);
      assert.deepEqual(
        first.map((l) => l.line),
        ["a", "b"],
      );
      await q.appendRunLogs(h.db, run!.id, 1, [{ line: "c" }]);
      assert.deepEqual(
        (await q.listRunLogs(h.db, run!.id, first[1]!.id)).map((l) => l.line),
        ["c"],
      );
    });
  });
}

test("insert validators come from the schema and refine it", () => {
  const ok = insertSubmissionSchema.safeParse({
    name: "x",
    track: "rewards",
    source: "s",
    bundle: "b",
    bundleSha256: sha("c"),
  });
  assert.equal(ok.success, true);
  const bad = insertSubmissionSchema.safeParse({
    name: "x",
    track: "nope",
    source: "s",
    bundle: "b",
    bundleSha256: "z",
  });
  assert.equal(bad.success, false);
  const badDryRun = insertSubmissionSchema.safeParse({
    name: "x",
    track: "rewards",
    source: "s",
    bundle: "b",
    bundleSha256: sha("c"),
    dryRun: { ok: true, outcome: "completed", correctness: 2 },
  });
  assert.equal(badDryRun.success, false);
});

describe("embedded database shared through the owner's socket", () => {
  const dir = mkdtempSync(join(tmpdir(), "lockpick-db-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("the owner's own queries wait for a client's open transaction, never see inside it", async () => {
    const owner = await startDbOwner({ dataDir: join(dir, "db-tx") });
    const client = new pg.Client({ connectionString: owner.url });
    await client.connect();
    try {
      await client.query("BEGIN");
      await client.query(
        "INSERT INTO task_families (id, title, version) VALUES ('in-tx', 'T', '1')",
      );
      let settled = false;
      const read = q.listTaskFamilies(owner.handle.db).then((rows) => {
        settled = true;
        return rows;
      });
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(settled, false, "the owner's read queued behind the open transaction");
      await client.query("ROLLBACK");
      const rows = await read;
      assert.equal(rows.filter((f) => f.id === "in-tx").length, 0, "no uncommitted row seen");
    } finally {
      await client.end();
      await owner.stop();
    }
  });

  test("clients in other processes share one PGlite; a second opener is refused", async () => {
    const owner = await startDbOwner({ dataDir: join(dir, "db") });
    try {
      await assert.rejects(createDb({ dataDir: join(dir, "db") }), /owned by process/);
      const a = await createDb({ url: owner.url, socket: true });
      const b = await createDb({ url: owner.url, socket: true });
      // Interleaved transactions and parameterized queries from two pools stay consistent.
      await Promise.all(
        [a, b].map(async (h, k) => {
          for (let i = 0; i < 20; i++) {
            await h.db.transaction(async (tx) => {
              await q.upsertTaskFamily(tx as never, {
                id: `fam-${k}-${i}`,
                title: `T${i}`,
                version: "1",
              });
            });
          }
        }),
      );
      const families = await q.listTaskFamilies(a.db);
      assert.equal(families.filter((f) => f.id.startsWith("fam-")).length, 40);
      await a.close();
      await b.close();
    } finally {
      await owner.stop();
    }
    // Data survives a restart of the owner.
    const again = await startDbOwner({ dataDir: join(dir, "db") });
    try {
      const families = await q.listTaskFamilies(again.handle.db);
      assert.equal(families.filter((f) => f.id.startsWith("fam-")).length, 40);
    } finally {
      await again.stop();
    }
  });
});
