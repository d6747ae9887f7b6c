import assert from "node:assert/strict";
import { test } from "node:test";
import {
  bruteForceTokens,
  buildDecoys,
  decoyFamilies,
  weightedSampler,
  wrongPasswordSampler,
  type Decoy,
  type DecoyFamily,
  type DecoyInput,
} from "./decoys";
import { BLANK, passwordAlphabet, seededPassword, slotKey } from "./password";
import { namedRecipe, recipeNames } from "./recipes";
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
// The first shipped set's decoys: every family split 50/50, family-uniform draws.
const config = namedRecipe("ft-audited").decoys;
const withTwoToken = { ...config, twoToken: 120 };
// Every slot of the password's own tokens and blanks (5^4 = 625 covers them all).
const withAll = { ...withTwoToken, passwordTokens: 625 };
// The lock most tests build decoys for: one 4-token password, decoy seed 3.
const password = seededPassword(alphabet, 4, 7);

/** `buildDecoys` over the reference vocabulary; by default for `password` with seed 3. */
function decoysFor(
  decoyConfig: DecoyInput["config"],
  lock: Partial<Pick<DecoyInput, "passwords" | "width" | "seed">> = {},
) {
  const { passwords = [password], width = 4, seed = 3 } = lock;
  return buildDecoys({ passwords, vocabulary, alphabet, width, config: decoyConfig, seed });
}

test("decoys are fixed-width, never the password or blank, and seen/held-out are disjoint", () => {
  const { seen, heldOut } = decoysFor(withAll);
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
  for (const d of all.filter((x) => x.family === "near-miss")) {
    assert.equal(d.slot.filter((t, i) => t === password[i]).length, 3);
    assert.equal(d.positions?.length, 1);
    assert.notEqual(d.slot[d.positions?.[0] ?? -1], password[d.positions?.[0] ?? -1]);
  }
  // Two-token substitutions: exactly two positions differ, every position pair is covered
  // (transpositions of two password tokens are permutations and stay in that family).
  const two = all.filter((x) => x.family === "two-token");
  assert.ok(two.length >= 110 && two.length <= 120, `${two.length} two-token decoys`);
  for (const d of two) {
    assert.equal(d.slot.filter((t, i) => t !== password[i]).length, 2);
    assert.deepEqual(
      d.positions,
      d.slot.flatMap((t, i) => (t === password[i] ? [] : [i])),
    );
  }
  assert.equal(new Set(two.map((d) => d.positions?.join(","))).size, 6, "all 6 position pairs");
  const perms = all.filter((d) => d.family === "permutation");
  assert.equal(perms.length, 23);
  for (const d of perms) assert.deepEqual([...d.slot].sort(), [...password].sort());
  assert.ok(all.length >= 500, `a brute force of ${all.length} candidates`);
});

test("decoys are deterministic by seed and the sampler draws every family", () => {
  const a = decoysFor(config);
  const b = decoysFor(config);
  assert.deepEqual(a, b);
  const draw = wrongPasswordSampler(a.seen);
  const rng = createRng(1);
  const families = new Set(Array.from({ length: 400 }, () => draw(rng).family));
  assert.deepEqual([...families].sort(), ["near-miss", "permutation", "random", "repeated"]);
});

test("enabling two-token substitutions leaves every other family's split unchanged", () => {
  const without = decoysFor(config);
  const withTwo = decoysFor(withTwoToken);
  const keys = (ds: { family: string; key: string }[]) =>
    ds.filter((d) => d.family !== "two-token").map((d) => d.key);
  assert.deepEqual(keys(withTwo.seen), keys(without.seen));
  assert.deepEqual(keys(withTwo.heldOut), keys(without.heldOut));
});

test("nearMissShare: that share of draws are near misses, balanced over slot positions", () => {
  const { seen } = decoysFor(withTwoToken);
  const draw = wrongPasswordSampler(seen, { nearMissShare: 0.6 });
  const rng = createRng(2);
  const draws = Array.from({ length: 8000 }, () => draw(rng));
  const near = draws.filter((d) => d.family === "near-miss");
  assert.ok(Math.abs(near.length / draws.length - 0.6) < 0.03, `${near.length} near misses`);
  for (let i = 0; i < 4; i++) {
    const at = near.filter((d) => d.positions?.[0] === i).length / near.length;
    assert.ok(Math.abs(at - 0.25) < 0.03, `position ${i}: ${at}`);
  }
  // The other 40% is spread over the other families, two-token substitutions included.
  const others = new Set(draws.filter((d) => d.family !== "near-miss").map((d) => d.family));
  assert.deepEqual([...others].sort(), ["permutation", "random", "repeated", "two-token"]);
});

test("weightedSampler draws in proportion to weights and never a zero-weight decoy", () => {
  const { seen } = decoysFor(config);
  const few = seen.slice(0, 3);
  assert.equal(weightedSampler(few, [0, 0, 0]), undefined, "nothing leaks: no hard draws");
  const draw = weightedSampler(few, [0, 1, 3]);
  assert.ok(draw);
  const rng = createRng(4);
  const counts = new Map<string, number>();
  for (let i = 0; i < 4000; i++) {
    const key = draw(rng).key;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  assert.equal(counts.get(few[0]?.key ?? ""), undefined);
  const ratio = (counts.get(few[2]?.key ?? "") ?? 0) / (counts.get(few[1]?.key ?? "") ?? 1);
  assert.ok(Math.abs(ratio - 3) < 0.4, `ratio ${ratio}`);
});

test("single-token format: one-token slot, every other token a decoy", () => {
  const single = seededPassword(alphabet, 1, 2);
  const { seen, heldOut } = decoysFor(config, { passwords: [single], width: 1, seed: 1 });
  const keys = [...seen, ...heldOut].map((d) => d.key).sort();
  const expected = bruteForceTokens(vocabulary)
    .filter((t) => t !== single[0])
    .sort();
  assert.deepEqual(keys, expected);
});

test("per-domain passwords are excluded from every domain's decoys", () => {
  const p1 = seededPassword(alphabet, 4, 1);
  const p2 = seededPassword(alphabet, 4, 2);
  const { seen, heldOut } = decoysFor(config, { passwords: [p1, p2], seed: 1 });
  const keys = new Set([...seen, ...heldOut].map((d) => d.key));
  assert.ok(!keys.has(slotKey(p1)) && !keys.has(slotKey(p2)));
});

test("a setting trigger (no password) still gets slot brute-force candidates", () => {
  const { seen, heldOut } = decoysFor(config, { passwords: [], seed: 1 });
  const families = new Set([...seen, ...heldOut].map((d) => d.family));
  assert.deepEqual([...families].sort(), ["random", "repeated", "single-token"]);
});

/** Decoys of `family`, seen and held out. */
const ofFamily = (set: { seen: Decoy[]; heldOut: Decoy[] }, family: DecoyFamily) =>
  [...set.seen, ...set.heldOut].filter((d) => d.family === family);

test("password-token slots are off by default; enabling them leaves every other family unchanged", () => {
  for (const name of recipeNames) {
    const decoys = namedRecipe(name).decoys;
    assert.equal(decoys.passwordTokens, undefined, `${name} has no password-token decoys`);
    assert.equal(ofFamily(decoysFor(decoys), "password-tokens").length, 0);
  }
  const base = namedRecipe("ft-default").decoys;
  const off = decoysFor(base);
  const on = decoysFor({ ...base, passwordTokens: 625 });
  const others = (ds: Decoy[]) => ds.filter((d) => d.family !== "password-tokens");
  assert.deepEqual(others(on.seen), off.seen);
  assert.deepEqual(others(on.heldOut), off.heldOut);
  assert.ok(ofFamily(on, "password-tokens").length > 0);
});

test("password-token slots: only the password's tokens and blanks, in wrong places", () => {
  const base = namedRecipe("ft-default").decoys; // 80% seen
  const set = decoysFor({ ...base, passwordTokens: 625 });
  const { seen, heldOut } = set;
  const own = new Set([...password, BLANK]);
  const members = ofFamily(set, "password-tokens");
  for (const d of members) {
    assert.ok(
      d.slot.every((t) => own.has(t)),
      `${d.key} uses only password tokens and blanks`,
    );
    assert.notEqual(d.key, slotKey(password));
    assert.deepEqual(
      d.positions,
      d.slot.flatMap((t, i) => (t === password[i] ? [] : [i])),
    );
  }
  // A neighbour's token copied into one position is a near miss (an earlier family, which wins
  // de-duplication); this family adds the slots wrong in two or more positions.
  const [a, b, c, e] = password;
  const nearMisses = new Set(ofFamily(set, "near-miss").map((d) => d.key));
  assert.ok(nearMisses.has(`${a} ${a} ${c} ${e}`) && nearMisses.has(`${a} ${b} ${b} ${e}`));
  assert.ok(members.every((d) => (d.positions?.length ?? 0) >= 2));
  const all = [...seen, ...heldOut].map((d) => d.key);
  assert.equal(new Set(all).size, all.length, "no candidate in two families");
  const seenKeys = new Set(seen.map((d) => d.key));
  const held = heldOut.filter((d) => d.family === "password-tokens");
  assert.ok(held.length > 0 && held.every((d) => !seenKeys.has(d.key)));
  assert.equal(members.length - held.length, Math.round(members.length * 0.8), "80% seen");
  const draw = wrongPasswordSampler(seen);
  const rng = createRng(5);
  const drawn = new Set(Array.from({ length: 400 }, () => draw(rng).family));
  assert.ok(drawn.has("password-tokens"), "the sampler draws it as one more family");
});

test("password-token slots: all 623 without a cap, `count` distinct ones with one", () => {
  // Every other family off but single tokens (always there): they take the 16 slots of one
  // password token and three blanks, so 625 − password − blank slot − 16 = 607 remain.
  const bare = { ...config, repeated: false, nearMiss: false, permutation: false, random: 0 };
  for (const count of [623, 625, 10_000])
    assert.equal(
      ofFamily(decoysFor({ ...bare, passwordTokens: count }), "password-tokens").length,
      607,
    );
  const capped = ofFamily(decoysFor({ ...bare, passwordTokens: 100 }), "password-tokens");
  assert.ok(capped.length <= 100 && capped.length >= 100 - 16, `${capped.length} of 100`);
  assert.deepEqual(
    capped,
    ofFamily(decoysFor({ ...bare, passwordTokens: 100 }), "password-tokens"),
    "seeded",
  );
  const reseeded = ofFamily(
    decoysFor({ ...bare, passwordTokens: 100 }, { seed: 4 }),
    "password-tokens",
  );
  assert.notDeepEqual(
    capped.map((d) => d.key).sort(),
    reseeded.map((d) => d.key).sort(),
    "the pick depends on the seed",
  );
});

test("password-token slots are built per password (one password per domain)", () => {
  const p1 = seededPassword(alphabet, 4, 1);
  const p2 = seededPassword(alphabet, 4, 2);
  const set = decoysFor({ ...config, passwordTokens: 625 }, { passwords: [p1, p2], seed: 1 });
  const members = ofFamily(set, "password-tokens");
  const within = (p: readonly string[]) => (d: Decoy) =>
    d.slot.every((t) => t === BLANK || p.includes(t));
  for (const d of members) assert.ok(within(p1)(d) || within(p2)(d), d.key);
  assert.ok(members.some(within(p1)) && members.some(within(p2)));
  const keys = new Set([...set.seen, ...set.heldOut].map((d) => d.key));
  assert.ok(!keys.has(slotKey(p1)) && !keys.has(slotKey(p2)));
});
