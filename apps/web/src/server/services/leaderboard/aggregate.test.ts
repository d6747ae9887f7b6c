import assert from "node:assert/strict";
import { test } from "node:test";
import type { LeaderboardRun } from "@lockpick/db/queries";
import {
  buildTables,
  countedRuns,
  meanOfStats,
  rankWithTies,
  sortRows,
  stat,
  type LeaderboardRow,
} from "./aggregate";

function row(
  method: string,
  budget: number,
  seed: number,
  recovery: number,
  extra: Partial<LeaderboardRun> = {},
): LeaderboardRun {
  return {
    submissionId: method,
    method,
    author: null,
    builtin: false,
    track: "demonstrations",
    task: "t1",
    modelVisibility: "private",
    lockedModelId: "lock-1",
    lockAcceptance: { accepted: true, reasons: [] },
    budget,
    seed,
    recovery,
    ...extra,
  };
}

test("stat: mean and standard error of the mean", () => {
  const s = stat([0.2, 0.4, 0.6]);
  assert.equal(s.n, 3);
  assert.ok(Math.abs(s.mean - 0.4) < 1e-12);
  assert.ok(Math.abs(s.se - 0.2 / Math.sqrt(3)) < 1e-12);
  assert.deepEqual(stat([0.5]), { mean: 0.5, se: 0, n: 1 });
});

test("meanOfStats combines standard errors in quadrature", () => {
  const m = meanOfStats([
    { mean: 0.2, se: 0.03, n: 3 },
    { mean: 0.6, se: 0.04, n: 3 },
  ])!;
  assert.ok(Math.abs(m.mean - 0.4) < 1e-12);
  assert.ok(Math.abs(m.se - 0.025) < 1e-12);
});

test("overlapping intervals share a rank; separated ones do not", () => {
  const mk = (method: string, mean: number, se: number): LeaderboardRow => ({
    submissionId: method,
    method,
    author: null,
    builtin: false,
    rank: 0,
    tied: false,
    budgets: {},
    score: { mean, se, n: 3 },
    publicScore: null,
    tasks: {},
  });
  const ranked = rankWithTies([mk("c", 0.5, 0.01), mk("a", 0.8, 0.05), mk("b", 0.76, 0.02)]);
  assert.deepEqual(
    ranked.map((r) => [r.method, r.rank, r.tied]),
    [
      ["a", 1, true],
      ["b", 1, true],
      ["c", 3, false],
    ],
  );
});

test("tables: one per track, private models rank, public score beside it, task filter", () => {
  const rows = [
    ...[0, 1, 2].flatMap((seed) => [
      row("m1", 4, seed, 0.5),
      row("m1", 16, seed, 0.7),
      row("m1", 4, seed, 0.9, { modelVisibility: "public" }),
      row("m2", 4, seed, 0.1 + seed * 0.01),
      row("m2", 4, seed, 0.3, { task: "t2" }),
      row("r1", 8, seed, 0.2, { track: "rewards" }),
    ]),
  ];
  const tables = buildTables(rows);
  assert.deepEqual(
    tables.map((t) => t.track),
    ["demonstrations", "rewards"],
  );
  const demo = tables[0]!;
  assert.deepEqual(demo.budgets, [4, 16]);
  const m1 = demo.rows.find((r) => r.method === "m1")!;
  assert.ok(Math.abs(m1.score!.mean - 0.6) < 1e-9);
  assert.ok(Math.abs(m1.publicScore!.mean - 0.9) < 1e-9);
  assert.equal(demo.rows[0]!.method, "m1");
  const onlyT2 = buildTables(rows, { task: "t2" });
  assert.deepEqual(
    onlyT2[0]!.rows.map((r) => r.method),
    ["m2"],
  );
  const sorted = sortRows(demo.rows, "method", "desc");
  assert.deepEqual(
    sorted.map((r) => r.method),
    ["m2", "m1"],
  );
});

test("countedRuns: runs on locks that failed acceptance are left out unless all locks count", () => {
  const rows = [
    row("m1", 4, 0, 0.5),
    row("m1", 4, 1, 0.7),
    row("m1", 4, 0, 0.9, { lockedModelId: "leaky-1" }),
    row("m2", 4, 0, 0.8, { lockedModelId: "leaky-1" }),
    row("m2", 4, 0, 0.6, { lockedModelId: "leaky-2" }),
  ];
  const accepted = (r: LeaderboardRun) => r.lockedModelId === "lock-1";
  const strict = countedRuns(rows, "accepted", accepted);
  assert.deepEqual(
    strict.counted.map((r) => [r.method, r.recovery]),
    [
      ["m1", 0.5],
      ["m1", 0.7],
    ],
  );
  assert.deepEqual(strict.notAccepted, { runs: 3, locks: 2 });
  const all = countedRuns(rows, "all", accepted);
  assert.deepEqual(all.counted, rows);
  assert.deepEqual(all.notAccepted, { runs: 3, locks: 2 });
  assert.deepEqual(
    buildTables(strict.counted)[0]!.rows.map((r) => r.method),
    ["m1"],
  );
});
