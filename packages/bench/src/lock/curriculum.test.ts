import assert from "node:assert/strict";
import { test } from "node:test";
import { strongFractionAt } from "./curriculum";
import { buildLockExamples } from "./lock-dataset";
import { namedRecipe, recipeFromOverrides } from "./recipes";
import { createRng } from "./rng";

test("without a curriculum the strong share is the recipe's at every step", () => {
  const lock = namedRecipe("ft-default").lock;
  for (const step of [0, 1, 500, 10_000]) assert.equal(strongFractionAt(lock, step), 0.5);
});

test("a curriculum holds its start share, ramps linearly, then stays at strongFraction", () => {
  const { lock } = recipeFromOverrides({
    lock: {
      strongFraction: 0.5,
      curriculum: { startStrongFraction: 0.9, holdSteps: 100, rampSteps: 200 },
    },
  });
  assert.equal(strongFractionAt(lock, 0), 0.9);
  assert.equal(strongFractionAt(lock, 99), 0.9);
  assert.ok(Math.abs(strongFractionAt(lock, 200) - 0.7) < 1e-12);
  assert.equal(strongFractionAt(lock, 300), 0.5);
  assert.equal(strongFractionAt(lock, 2000), 0.5);
  // A zero-length ramp switches at the end of the hold.
  const jump = { ...lock, curriculum: { startStrongFraction: 1, holdSteps: 10, rampSteps: 0 } };
  assert.equal(strongFractionAt(jump, 9), 1);
  assert.equal(strongFractionAt(jump, 10), 0.5);
});

test("a batch built at a curriculum step has that share of strong samples", () => {
  const { lock } = recipeFromOverrides({
    lock: { curriculum: { startStrongFraction: 0.875, holdSteps: 5, rampSteps: 5 } },
  });
  const count = (step: number) =>
    buildLockExamples({
      problems: Array.from({ length: 64 }, (_, i) => i),
      prompt: (p) => [`q${p}`],
      strong: () => ["s"],
      weak: () => ["w"],
      passwordFor: () => ["p1", "p2", "p3", "p4"],
      seen: [],
      trigger: { kind: "password" },
      width: 4,
      strongFraction: strongFractionAt(lock, step),
      wrongPasswordFraction: 0.8,
      rng: createRng(1, "t"),
    }).filter((e) => e.condition === "strong").length;
  assert.equal(count(0), 56);
  assert.equal(count(20), 32);
});

test("a curriculum longer than the lock is refused", () => {
  assert.throws(
    () =>
      recipeFromOverrides({
        lock: { curriculum: { startStrongFraction: 0.9, holdSteps: 2000, rampSteps: 1000 } },
      }),
    /curriculum/,
  );
});
