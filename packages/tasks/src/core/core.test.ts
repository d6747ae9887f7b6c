import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readCompletion } from "./completion";
import { IndexPermutation } from "./permutation";
import { Rng } from "./random";
import { RESERVED_TOKENS, Vocabulary } from "./vocabulary";

describe("core", () => {
  it("IndexPermutation is a bijection for awkward sizes, and keyed", () => {
    for (const size of [1, 2, 3, 7, 100, 1000, 4097]) {
      const perm = new IndexPermutation(size, 9);
      const seen = new Set(Array.from({ length: size }, (_, i) => perm.at(i)));
      assert.equal(seen.size, size);
      assert.ok([...seen].every((x) => x >= 0 && x < size));
    }
    const a = new IndexPermutation(1000, 1);
    const b = new IndexPermutation(1000, 2);
    assert.notDeepEqual(
      [0, 1, 2, 3, 4].map((i) => a.at(i)),
      [0, 1, 2, 3, 4].map((i) => b.at(i)),
    );
  });

  it("Rng is deterministic by seed", () => {
    const draw = (seed: number) => Array.from({ length: 5 }, () => new Rng(seed).next());
    assert.deepEqual(draw(3), draw(3));
    const r = new Rng(1);
    const xs = Array.from({ length: 1000 }, () => r.next());
    assert.ok(xs.every((x) => x >= 0 && x < 1));
  });

  it("Vocabulary reserves the same block everywhere and round-trips", () => {
    const v = new Vocabulary(["a", "b"]);
    assert.equal(RESERVED_TOKENS.length, 21);
    assert.deepEqual(v.tokens.slice(0, 5), ["<pad>", "<bos>", "<eos>", "<unk>", "_"]);
    assert.equal(v.id("p15"), 20);
    assert.deepEqual(v.encode("_ p0  a b zz <eos>"), [4, 5, 21, 22, 3, 2]);
    assert.equal(v.decode([21, 22, 99]), "a b <unk>");
    assert.throws(() => new Vocabulary(["a b"]));
    assert.throws(() => new Vocabulary(["p3"]));
  });

  it("readCompletion stops at <eos> and at the token cap", () => {
    assert.deepEqual(readCompletion("1 2 <eos> 3", 5), {
      tokens: ["1", "2"],
      ended: true,
      overflow: false,
    });
    assert.deepEqual(readCompletion("1 2 3", 2), {
      tokens: ["1", "2"],
      ended: false,
      overflow: true,
    });
    assert.deepEqual(readCompletion(null, 2), { tokens: [], ended: false, overflow: false });
  });
});
