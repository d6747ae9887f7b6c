import assert from "node:assert/strict";
import { test } from "node:test";
import { parseRecipe } from "./recipe";
import { namedRecipe } from "./recipes";
import { judgeLock, withPasswordBar } from "./report";

const defaults = namedRecipe("ft-default").acceptance;
/** A report of a lock whose π_strong_base reaches only 70% (e.g. a harder task family). */
const weakerTask = {
  strong: 0.7,
  weak: 0.3,
  withPassword: 0.68,
  withoutPassword: 0.31,
  bruteForceBest: 0.33,
  wrongPasswords: { tried: 10, mean: 0.3, best: 0.32 },
};

test("the absolute bar (default) refuses a lock of a π_strong below it", () => {
  assert.equal(withPasswordBar(0.7, defaults), 0.9);
  assert.deepEqual(judgeLock(weakerTask, defaults), ["with password 68.0% < minimum 90.0%"]);
});

test("capped-by-strong: the bar is π_strong − maxStrongGap when that is lower", () => {
  const t = { ...defaults, withPasswordBar: "capped-by-strong" as const };
  assert.ok(Math.abs(withPasswordBar(0.7, t) - 0.65) < 1e-9);
  assert.equal(withPasswordBar(1, t), 0.9);
  assert.deepEqual(judgeLock(weakerTask, t), []);
  const lost = judgeLock({ ...weakerTask, withPassword: 0.6 }, t);
  assert.equal(lost.length, 2); // below the capped bar and too far below π_strong
});

test("minLockGap refuses a lock that hides too little", () => {
  const t = { ...defaults, withPasswordBar: "capped-by-strong" as const, minLockGap: 0.2 };
  assert.deepEqual(judgeLock(weakerTask, t), []);
  const flat = { ...weakerTask, strong: 0.4, withPassword: 0.4, withoutPassword: 0.3 };
  assert.deepEqual(judgeLock(flat, t), ["lock gap 10.0% (with − without) < minimum 20.0%"]);
});

test("the per-task fields are optional and validated", () => {
  const base = namedRecipe("ft-default");
  assert.equal(base.acceptance.withPasswordBar, undefined);
  assert.throws(() =>
    parseRecipe({ ...base, acceptance: { ...base.acceptance, withPasswordBar: "relative" } }),
  );
  assert.throws(() => parseRecipe({ ...base, acceptance: { ...base.acceptance, minLockGap: 2 } }));
});
