import assert from "node:assert/strict";
import { test } from "node:test";
import {
  bestFirst,
  firstSampleAccuracy,
  preferencePairs,
  roundQueries,
  sftSchedule,
  tokenAgreement,
  type SampleGroup,
} from "./helpers";

const identity = { shuffle: <T>(xs: readonly T[]) => [...xs] };
const problem = (id: string) => ({ id, prompt: `p ${id}`, domain: "d" });

test("tokenAgreement compares position by position", () => {
  assert.equal(tokenAgreement("a b c", "a b c"), 1);
  assert.equal(tokenAgreement("a b c d", " a x c "), 0.5);
  assert.equal(tokenAgreement("a", "b"), 0);
});

test("bestFirst keeps correct items first and fills up with incorrect ones", () => {
  const items = [
    { id: 1, correct: false },
    { id: 2, correct: true },
    { id: 3, correct: false },
    { id: 4, correct: true },
  ];
  assert.deepEqual(
    bestFirst(items, 3, identity).map((i) => i.id),
    [2, 4, 1],
  );
  assert.deepEqual(bestFirst(items, 0, identity), []);
});

test("sftSchedule: batch min(batchSize, n), steps max(minSteps, ceil(epochs·n/batch))", () => {
  const p = { batchSize: 16, minSteps: 256, epochs: 16 };
  assert.deepEqual(sftSchedule(p, 4), { batchSize: 4, steps: 256 });
  assert.deepEqual(sftSchedule(p, 1024), { batchSize: 16, steps: 1024 });
});

const groups: SampleGroup[] = [
  {
    problem: problem("a"),
    samples: [
      { completion: "right", correct: true, score: 1 },
      { completion: "w1", correct: false, score: 0.5 },
      { completion: "w2", correct: false, score: 0.2 },
    ],
  },
  { problem: problem("b"), samples: [{ completion: "wrong", correct: false, score: 0.4 }] },
  {
    problem: problem("c"),
    samples: [
      { completion: "x", correct: false, score: 0.3 },
      { completion: "y", correct: false, score: 0.9 },
    ],
  },
];

test("preferencePairs: best against each worse, by correctness or by score", () => {
  const byCorrect = preferencePairs(groups, { by: "correct" });
  assert.deepEqual(
    byCorrect.map((p) => [p.prompt, p.chosen, p.rejected, p.gap]),
    [
      ["p a", "right", "w1", 1],
      ["p a", "right", "w2", 1],
    ],
  );
  assert.equal(preferencePairs(groups, { by: "correct", maxPerProblem: 1 }).length, 1);
  const byScore = preferencePairs(groups, { by: "score", minGap: 0.55 });
  assert.deepEqual(
    byScore.map((p) => [p.chosen, p.rejected, Number(p.gap.toFixed(2))]),
    [
      ["right", "w2", 0.8],
      ["y", "x", 0.6],
    ],
  );
  assert.equal(firstSampleAccuracy(groups), 1 / 3);
});

test("roundQueries: even shares, then leftovers fund extra rounds up to the cap", () => {
  assert.equal(roundQueries(1024, 0, 4, 8, 128), 256);
  assert.equal(roundQueries(900, 1, 4, 8, 128), 300);
  assert.equal(roundQueries(170, 4, 4, 8, 128), 170, "unspent queries fund a fifth round");
  assert.equal(roundQueries(100, 4, 4, 8, 128), 0, "too few left");
  assert.equal(roundQueries(1000, 8, 4, 8, 128), 0, "never past the cap");
});
