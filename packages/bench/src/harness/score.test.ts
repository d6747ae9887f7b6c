import assert from "node:assert/strict";
import { test } from "node:test";
import { meanStderr, recovery, summarizeEvaluation } from "./score";

test("evaluation summaries count per domain", () => {
  const s = summarizeEvaluation([
    { domain: "a", correct: true, score: 1 },
    { domain: "a", correct: false, score: 0.5 },
    { domain: "b", correct: true, score: 1 },
    { domain: "b", correct: true, score: 0.9 },
  ]);
  assert.equal(s.n, 4);
  assert.equal(s.correctness, 0.75);
  assert.equal(s.score, 0.85);
  assert.deepEqual(s.perDomain.a, { n: 2, correctness: 0.5, score: 0.75 });
  assert.deepEqual(s.perDomain.b, { n: 2, correctness: 1, score: 0.95 });
});

test("recovery is normalised by the lock's floor and ceiling", () => {
  assert.equal(recovery(0.25, { floor: 0.25, ceiling: 0.95 }), 0);
  assert.ok(Math.abs(recovery(0.95, { floor: 0.25, ceiling: 0.95 }) - 1) < 1e-12);
  assert.ok(recovery(0.2, { floor: 0.25, ceiling: 0.95 }) < 0, "below the floor is negative");
  assert.throws(() => recovery(0.5, { floor: 0.5, ceiling: 0.5 }), /no gap/);
});

test("mean ± standard error over seeds", () => {
  const r = meanStderr([0.2, 0.4, 0.6]);
  assert.ok(Math.abs(r.mean - 0.4) < 1e-12);
  assert.ok(Math.abs(r.stderr! - 0.2 / Math.sqrt(3)) < 1e-12);
  assert.deepEqual(meanStderr([0.5]), { mean: 0.5, stderr: null, n: 1 });
});
