import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { parseRecipe } from "./recipe";
import { namedRecipe, recipeFromOverrides, recipeNames } from "./recipes";

test("every named recipe is valid", () => {
  for (const name of recipeNames) assert.equal(namedRecipe(name).name, name);
});

test("overrides merge on a named base and unknown keys are rejected", () => {
  const r = recipeFromOverrides({ extends: "ft-default", lock: { schedule: { steps: 3000 } } });
  assert.equal(r.lock.schedule.steps, 3000);
  assert.equal(r.lock.schedule.cooldownSteps, 200);
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

test("decoys.passwordTokens: 0 or unset leaves the recipe, and so the lock stage's hash, unchanged", () => {
  // The lock stage is named by a hash over JSON.stringify(recipe) (build-lock.ts), so a new
  // option's default must not appear in it. Pinned: the shipped first-set checkpoints' recipes.
  const pinned: Record<string, string> = {
    "ft-short": "9739d4d0e860",
    "ft-audited": "bc05a21cb47d",
    "ft-long": "92ba9b796c66",
    scratch: "2b2f53e3b9b7",
    "scratch-long": "125d699f154c",
  };
  const hash = (v: unknown) =>
    createHash("sha256").update(JSON.stringify(v)).digest("hex").slice(0, 12);
  for (const [name, h] of Object.entries(pinned)) assert.equal(hash(namedRecipe(name)), h, name);
  for (const name of recipeNames) {
    const same = recipeFromOverrides({ extends: name, name, decoys: { passwordTokens: 0 } });
    assert.equal(JSON.stringify(same), JSON.stringify(namedRecipe(name)), name);
  }
  const on = recipeFromOverrides({ decoys: { passwordTokens: 625 } });
  assert.equal(on.decoys.passwordTokens, 625);
  assert.equal(on.decoys.twoToken, 400, "the other decoy options stay inherited");
  assert.throws(() => recipeFromOverrides({ decoys: { passwordTokens: -1 } }));
  assert.throws(() => recipeFromOverrides({ decoys: { passwordTokens: 1.5 } }));
});
