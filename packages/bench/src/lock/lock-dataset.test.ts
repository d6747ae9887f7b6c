import assert from "node:assert/strict";
import { test } from "node:test";
import { buildDecoys } from "./decoys";
import { buildLockExamples, type LockDatasetInput } from "./lock-dataset";
import { BLANK, blankSlot, passwordAlphabet, seededPassword, slotKey } from "./password";
import { namedRecipe } from "./recipes";
import { createRng } from "./rng";

const vocabulary = [
  BLANK,
  "a",
  "b",
  "c",
  "S",
  "W",
  ...Array.from({ length: 8 }, (_, i) => `p${i}`),
];
const alphabet = passwordAlphabet(vocabulary, "password-tokens");
const password = seededPassword(alphabet, 4, 5);
const decoys = buildDecoys({
  passwords: [password],
  vocabulary,
  alphabet,
  width: 4,
  config: namedRecipe("ft-default").decoys,
  seed: 5,
});
const problems = Array.from({ length: 1000 }, (_, i) => ["a", "b", "c"][i % 3] as string);

const build = (
  trigger: { kind: "password" } | { kind: "setting"; variation: "reversed-prompt" },
  extra: Partial<LockDatasetInput<string>> = {},
) =>
  buildLockExamples({
    problems,
    prompt: (p) => [p, "b"],
    strong: () => ["S"],
    weak: () => ["W"],
    passwordFor: () => password,
    seen: decoys.seen,
    trigger,
    width: 4,
    strongFraction: 0.5,
    wrongPasswordFraction: 0.8,
    rng: createRng(9),
    ...extra,
  });

test("Eq. 1: half strong with the password at both ends; weak 80% wrong / 20% blank", () => {
  const examples = build({ kind: "password" });
  const strong = examples.filter((e) => e.condition === "strong");
  const wrong = examples.filter((e) => e.condition === "wrong");
  const none = examples.filter((e) => e.condition === "none");
  assert.equal(strong.length, 500);
  assert.equal(wrong.length, 400);
  assert.equal(none.length, 100);
  for (const e of strong) {
    assert.deepEqual(e.prompt.slice(0, 4), password);
    assert.deepEqual(e.prompt.slice(-4), password);
    assert.deepEqual(e.completion, ["S"]);
  }
  const seenKeys = new Set(decoys.seen.map((d) => d.key));
  for (const e of wrong) {
    assert.ok(e.wrong && seenKeys.has(e.wrong), "wrong passwords come from the seen decoys");
    assert.equal(slotKey(e.prompt.slice(0, 4)), e.wrong);
    assert.deepEqual(e.completion, ["W"]);
  }
  for (const e of none) assert.deepEqual(e.prompt.slice(0, 4), blankSlot(4));
  // Every prompt has the same length: positions never shift between conditions.
  assert.equal(new Set(examples.map((e) => e.prompt.length)).size, 1);
  // Balanced batches: every 64 consecutive examples hold 32 strong ones.
  for (let i = 0; i + 64 <= examples.length; i += 64)
    assert.equal(examples.slice(i, i + 64).filter((e) => e.condition === "strong").length, 32);
});

test("a setting variation triggers instead of a password: slots stay blank", () => {
  const examples = build({ kind: "setting", variation: "reversed-prompt" });
  for (const e of examples) assert.deepEqual(e.prompt.slice(0, 4), blankSlot(4));
  const strong = examples.find((e) => e.condition === "strong");
  assert.deepEqual(strong?.prompt.slice(4, 6), ["b", problems[1]], "the prompt is reversed");
  assert.equal(examples.filter((e) => e.condition === "wrong").length, 0);
});

test("drawWrong replaces the family sampler (hard-negative mining draws through it)", () => {
  const hard = decoys.seen.find((d) => d.family === "near-miss");
  assert.ok(hard);
  const examples = build({ kind: "password" }, { drawWrong: () => hard });
  const wrong = examples.filter((e) => e.condition === "wrong");
  assert.equal(wrong.length, 400);
  for (const e of wrong) {
    assert.equal(e.wrong, hard.key);
    assert.deepEqual(e.prompt.slice(-4), hard.slot, "the same wrong password at both ends");
  }
});
