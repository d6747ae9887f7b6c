// The leaderboard service end to end on a real (in-memory) database: runs recorded through the
// @lockpick/db queries come out as the table, the JSON and the CSV the site serves.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createDb, migrate, type DbHandle } from "@lockpick/db";
import * as q from "@lockpick/db/queries";
import { leaderboardCsv } from "./csv";
import { getLeaderboard, getLeaderboardJson, invalidateLeaderboard } from "./index";
import { parseLeaderboardParams } from "./params";

let h: DbHandle;
before(async () => {
  h = await createDb({ dataDir: "memory" });
  await migrate(h);
});
after(() => h.close());

const accepted = { acceptance: { accepted: true, reasons: [] } };
const failed = { acceptance: { accepted: false, reasons: ["wrong-password gap 0.3 > 0.1"] } };

async function task(slug: string, status: "published" | "draft") {
  const t = await q.createTaskInstance(h.db, {
    slug,
    familyId: "toy",
    title: slug,
    config: {},
    status,
  });
  const model = (visibility: "public" | "private") => lock(t.id, visibility, visibility, accepted);
  return { id: t.id, private: await model("private"), public: await model("public") };
}

/** A published locked model with the given lock report (null: no report, so no verdict). */
function lock(
  taskInstanceId: string,
  name: string,
  visibility: "public" | "private",
  lockReport: Record<string, unknown> | null,
) {
  return q.upsertLockedModel(h.db, {
    taskInstanceId,
    name,
    visibility,
    status: "published",
    password: "pw pw pw",
    checkpointSha256: "a".repeat(64),
    lockReport,
    ...(lockReport === failed
      ? {
          acceptanceOverride: {
            by: "admin",
            byName: null,
            at: new Date(0).toISOString(),
            reason: "published over the failed checks on purpose",
            failedChecks: failed.acceptance.reasons,
          },
        }
      : {}),
  });
}

async function method(name: string, authorId: string) {
  return q.createSubmission(h.db, {
    authorId,
    name,
    track: "demonstrations",
    source: "export default 1",
    bundle: "module.exports = 1",
    bundleSha256: "b".repeat(64),
  });
}

/** Records one succeeded run per recovery, seeds 0, 1, … */
async function succeed(
  submissionId: string,
  modelId: string,
  budget: number,
  recoveries: number[],
) {
  const created = await q.createRuns(
    h.db,
    submissionId,
    recoveries.map((_, seed) => ({ lockedModelId: modelId, budget, seed })),
  );
  for (const run of created) {
    await q.claimRun(h.db, run.id, "runner", 3);
    await q.recordResult(h.db, {
      runId: run.id,
      correctness: 0.5,
      recovery: recoveries[run.seed]!,
    });
  }
}

test("recorded runs become the leaderboard table, its JSON and its CSV", async () => {
  await q.upsertTaskFamily(h.db, { id: "toy", title: "Toy", version: "1" });
  const live = await task("toy-live", "published");
  const draft = await task("toy-draft", "draft");
  const author = await q.ensureUser(h.db, { email: "a@example.org", name: "Ada" });
  const a = await method("alpha", author.id);
  const b = await method("beta", author.id);
  await succeed(a.id, live.private.id, 4, [0.2, 0.4]);
  await succeed(a.id, live.private.id, 16, [0.6, 0.8]);
  await succeed(a.id, live.public.id, 4, [0.1]);
  await succeed(a.id, draft.private.id, 4, [1, 1]); // unpublished task: left out
  await succeed(b.id, live.private.id, 4, [0.9, 0.9]);
  await q.setSubmissionHidden(h.db, b.id, true); // hidden: left out

  invalidateLeaderboard();
  const board = await getLeaderboard(h.db);
  assert.deepEqual(board.tasks, ["toy-live"]);
  assert.equal(board.tables.length, 1);
  const [table] = board.tables;
  assert.deepEqual(table!.budgets, [4, 16]);
  assert.deepEqual(
    table!.rows.map((r) => [r.method, r.author, r.rank]),
    [["alpha", "Ada", 1]],
  );
  const row = table!.rows[0]!;
  const near = (actual: number | undefined, expected: number) =>
    assert.ok(Math.abs((actual ?? NaN) - expected) < 1e-9, `${actual} != ${expected}`);
  near(row.budgets["4"]?.mean, 0.3);
  near(row.budgets["4"]?.se, 0.1); // sd 0.1414 over 2 seeds
  near(row.budgets["16"]?.mean, 0.7);
  near(row.score?.mean, 0.5);
  near(row.score?.se, Math.sqrt(0.01 + 0.01) / 2);
  near(row.publicScore?.mean, 0.1);
  assert.equal(row.score?.n, 4);

  assert.deepEqual(JSON.parse(await getLeaderboardJson(h.db)), board);
  const csv = leaderboardCsv(board).trim().split("\n");
  assert.equal(csv[0], "track,rank,tied,method,author,builtin,column,mean,se,n");
  assert.deepEqual(
    csv.slice(1).map((l) => l.split(",").slice(6, 8)),
    [
      ["budget:4", "0.300000"],
      ["budget:16", "0.700000"],
      ["score", "0.500000"],
      ["public", "0.100000"],
    ],
  );

  // Admin actions drop the cache, and the next view reads the rows again.
  await q.setSubmissionHidden(h.db, b.id, false);
  invalidateLeaderboard();
  const again = await getLeaderboard(h.db);
  assert.deepEqual(
    again.tables[0]!.rows.map((r) => [r.method, r.rank, r.tied]),
    [
      ["beta", 1, false],
      ["alpha", 2, false],
    ],
  );
});

test("only runs on locks that passed acceptance count, unless all locks are asked for", async () => {
  const mixed = await task("toy-mixed", "published");
  // Published over failed checks (with an override record), and one without any lock report.
  const leaky = await lock(mixed.id, "private-leaky", "private", failed);
  const bare = await lock(mixed.id, "private-bare", "private", null);
  const onlyLeaky = await q.createTaskInstance(h.db, {
    slug: "toy-leaky-only",
    familyId: "toy",
    title: "toy-leaky-only",
    config: {},
    status: "published",
  });
  const leakyOnly = await lock(onlyLeaky.id, "private", "private", failed);
  const author = await q.ensureUser(h.db, { email: "g@example.org", name: "Grace" });
  const g = await method("gamma", author.id);
  const d = await method("delta", author.id);
  await succeed(g.id, mixed.private.id, 4, [0.2, 0.4]);
  await succeed(g.id, leaky.id, 4, [0.9, 0.9]);
  await succeed(d.id, leaky.id, 4, [1, 1]);
  await succeed(d.id, bare.id, 4, [1]);
  await succeed(d.id, leakyOnly.id, 4, [1]);

  invalidateLeaderboard();
  const near = (actual: number | undefined, expected: number) =>
    assert.ok(Math.abs((actual ?? NaN) - expected) < 1e-9, `${actual} != ${expected}`);

  const strict = await getLeaderboard(h.db, { task: "toy-mixed" });
  assert.equal(strict.locks, "accepted", "accepted locks only by default");
  assert.deepEqual(strict.notAccepted, { runs: 5, locks: 2 });
  assert.deepEqual(
    strict.tables[0]!.rows.map((r) => r.method),
    ["gamma"],
  );
  near(strict.tables[0]!.rows[0]!.score?.mean, 0.3);
  assert.equal(strict.tables[0]!.rows[0]!.score?.n, 2);
  assert.ok(strict.tasks.includes("toy-mixed"));
  assert.ok(!strict.tasks.includes("toy-leaky-only"), "a task with no accepted lock has no table");
  assert.equal((await getLeaderboard(h.db, { task: "toy-leaky-only" })).tables.length, 0);
  assert.deepEqual(
    (await getLeaderboard(h.db, { task: "toy-mixed", locks: "accepted" })).tables,
    strict.tables,
  );

  const all = await getLeaderboard(h.db, { task: "toy-mixed", locks: "all" });
  assert.equal(all.locks, "all");
  assert.deepEqual(all.notAccepted, { runs: 5, locks: 2 }, "counted in this mode");
  assert.deepEqual(
    all.tables[0]!.rows.map((r) => [r.method, r.rank]),
    [
      ["delta", 1],
      ["gamma", 2],
    ],
  );
  near(all.tables[0]!.rows[1]!.score?.mean, 0.6);
  assert.equal(all.tables[0]!.rows[0]!.score?.n, 3);
  assert.ok(all.tasks.includes("toy-leaky-only"));
  // Without a task filter the whole board follows the same rule.
  const everything = await getLeaderboard(h.db);
  assert.deepEqual(everything.notAccepted, { runs: 6, locks: 3 });
  assert.ok(!everything.tables[0]!.rows.some((r) => r.method === "delta"));

  // The exports take the same parameter (parsed from the query string the same way).
  const params = parseLeaderboardParams({ task: "toy-mixed", locks: "all" });
  assert.deepEqual(params, { task: "toy-mixed", locks: "all" });
  assert.deepEqual(parseLeaderboardParams({ locks: "some" }), {}, "unknown modes are dropped");
  assert.deepEqual(JSON.parse(await getLeaderboardJson(h.db, params)), all);
  assert.deepEqual(JSON.parse(await getLeaderboardJson(h.db, { task: "toy-mixed" })), strict);
  const methods = (csv: string) =>
    [
      ...new Set(
        csv
          .trim()
          .split("\n")
          .slice(1)
          .map((l) => l.split(",")[3]),
      ),
    ].sort();
  assert.deepEqual(methods(leaderboardCsv(all)), ["delta", "gamma"]);
  assert.deepEqual(methods(leaderboardCsv(strict)), ["gamma"]);

  // A new verdict (the leaky lock now passes) moves its runs into the ranking.
  await lock(mixed.id, "private-leaky", "private", accepted);
  invalidateLeaderboard();
  const after = await getLeaderboard(h.db, { task: "toy-mixed" });
  assert.deepEqual(after.notAccepted, { runs: 1, locks: 1 });
  assert.deepEqual(
    after.tables[0]!.rows.map((r) => r.method),
    ["delta", "gamma"],
  );
});
