import assert from "node:assert/strict";
import { test } from "node:test";
import { bruteForceTokens, buildDecoys, decoyFamilies, wrongPasswordSampler } from "./decoys";
import { BLANK, passwordAlphabet, seededPassword, slotKey } from "./password";
import { namedRecipe } from "./recipes";
import { createRng } from "./rng";

// The reference shape: 64 tokens (blank, separator, digits, 32 functions, 16 password tokens...).
const vocabulary = [
  BLANK,
  "|",
  "<eos>",
  "<bos>",
  ..."0123456789",
  ...Array.from({ length: 32 }, (_, i) => `fn${i}`),
  ...Array.from({ length: 16 }, (_, i) => `p${i}`),
];
const alphabet = passwordAlphabet(vocabulary, "password-tokens");
const config = namedRecipe("ft-default").decoys;

test("decoys are fixed-width, never the password or blank, and seen/held-out are disjoint", () => {
  const password = seededPassword(alphabet, 4, 7);
  const { seen, heldOut } = buildDecoys({
    passwords: [password],
    vocabulary,
    alphabet,
    width: 4,
    config,
    seed: 3,
  });
  const all = [...seen, ...heldOut];
  assert.ok(all.every((d) => d.slot.length === 4 && d.key === slotKey(d.slot)));
  const keys = all.map((d) => d.key);
  assert.equal(new Set(keys).size, keys.length, "no candidate appears twice");
  assert.ok(!keys.includes(slotKey(password)));
  assert.ok(!keys.includes(slotKey([BLANK, BLANK, BLANK, BLANK])));
  const seenKeys = new Set(seen.map((d) => d.key));
  assert.ok(heldOut.every((d) => !seenKeys.has(d.key)));
  for (const family of decoyFamilies) {
    const s = seen.filter((d) => d.family === family).length;
    const h = heldOut.filter((d) => d.family === family).length;
    assert.ok(h > 0, `${family} has held-out candidates`);
    if (family === "single-token") assert.equal(s, 0, "single tokens are audit-only");
    else assert.ok(Math.abs(s - h) <= 1, `${family} split 50/50 (${s}/${h})`);
  }
  // Near misses share all but one token with the password; permutations use its tokens.
  for (const d of all.filter((x) => x.family === "near-miss"))
    assert.equal(d.slot.filter((t, i) => t === password[i]).length, 3);
  const perms = all.filter((d) => d.family === "permutation");
  assert.equal(perms.length, 23);
  for (const d of perms) assert.deepEqual([...d.slot].sort(), [...password].sort());
  assert.ok(all.length >= 500, `a brute force of ${all.length} candidates`);
});

test("decoys are deterministic by seed and the sampler draws every family", () => {
  const password = seededPassword(alphabet, 4, 7);
  const a = buildDecoys({ passwords: [password], vocabulary, alphabet, width: 4, config, seed: 3 });
  const b = buildDecoys({ passwords: [password], vocabulary, alphabet, width: 4, config, seed: 3 });
  assert.deepEqual(a, b);
  const draw = wrongPasswordSampler(a.seen);
  const rng = createRng(1);
  const families = new Set(Array.from({ length: 400 }, () => draw(rng).family));
  assert.deepEqual([...families].sort(), ["near-miss", "permutation", "random", "repeated"]);
});

test("single-token format: one-token slot, every other token a decoy", () => {
  const password = seededPassword(alphabet, 1, 2);
  const { seen, heldOut } = buildDecoys({
    passwords: [password],
    vocabulary,
    alphabet,
    width: 1,
    config,
    seed: 1,
  });
  const keys = [...seen, ...heldOut].map((d) => d.key).sort();
  const expected = bruteForceTokens(vocabulary)
    .filter((t) => t !== password[0])
    .sort();
  assert.deepEqual(keys, expected);
});

test("per-domain passwords are excluded from every domain's decoys", () => {
  const p1 = seededPassword(alphabet, 4, 1);
  const p2 = seededPassword(alphabet, 4, 2);
  const { seen, heldOut } = buildDecoys({
    passwords: [p1, p2],
    vocabulary,
    alphabet,
    width: 4,
    config,
    seed: 1,
  });
  const keys = new Set([...seen, ...heldOut].map((d) => d.key));
  assert.ok(!keys.has(slotKey(p1)) && !keys.has(slotKey(p2)));
});

test("a setting trigger (no password) still gets slot brute-force candidates", () => {
  const { seen, heldOut } = buildDecoys({
    passwords: [],
    vocabulary,
    alphabet,
    width: 4,
    config,
    seed: 1,
  });
  const families = new Set([...seen, ...heldOut].map((d) => d.family));
  assert.deepEqual([...families].sort(), ["random", "repeated", "single-token"]);
});
