import assert from "node:assert/strict";
import { test } from "node:test";
import { parseRecipe } from "./recipe";
import { namedRecipe, recipeFromOverrides, recipeNames } from "./recipes";

test("every named recipe is valid", () => {
  for (const name of recipeNames) assert.equal(namedRecipe(name).name, name);
});

test("overrides merge on a named base and unknown keys are rejected", () => {
  const r = recipeFromOverrides({ extends: "ft-default", lock: { schedule: { steps: 3000 } } });
  assert.equal(r.lock.schedule.steps, 3000);
  assert.equal(r.lock.schedule.cooldownSteps, 140);
  assert.deepEqual(r.lock.mining, { every: 100, problems: 8, share: 0.5 });
  assert.equal(r.name, "ft-default+custom");
  // A recipe file can switch the default's mining and near-miss share off again.
  const plain = recipeFromOverrides({ lock: { mining: null }, decoys: { nearMissShare: null } });
  assert.equal(plain.lock.mining, null);
  assert.equal(plain.decoys.nearMissShare, null);
  assert.throws(() => recipeFromOverrides({ lock: { stepz: 3 } }));
  assert.throws(() => recipeFromOverrides({ extends: "nope" }), /unknown recipe/);
});

test("cross-field checks", () => {
  const base = namedRecipe("ft-default");
  assert.throws(
    () => parseRecipe({ ...base, architecture: { ...base.architecture, heads: 3 } }),
    /multiple of/,
  );
  assert.throws(
    () =>
      parseRecipe({
        ...base,
        lock: { ...base.lock, schedule: { ...base.lock.schedule, steps: 50 } },
      }),
    /exceed/,
  );
  assert.throws(() => parseRecipe({ ...base, seed: -1 }));
  assert.throws(() => parseRecipe({ ...base, weak: { kind: "model" } }));
});
