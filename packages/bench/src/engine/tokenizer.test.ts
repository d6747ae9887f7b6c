import assert from "node:assert/strict";
import { test } from "node:test";
import { WordTokenizer } from "./tokenizer";

test("WordTokenizer: specials first, round trip, unknown symbols rejected", () => {
  const tok = new WordTokenizer(["a", "b", "+", "="]);
  assert.deepEqual(tok.vocab, ["<pad>", "<eos>", "a", "b", "+", "="]);
  assert.equal(tok.padId, 0);
  assert.equal(tok.eosId, 1);
  const ids = tok.encode("  a + b\n= ");
  assert.deepEqual(ids, [2, 4, 3, 5]);
  assert.equal(tok.decode([...ids, tok.eosId, tok.padId]), "a + b =");
  assert.throws(() => tok.encode("a c"), /"c" is not in the vocabulary/);
  assert.throws(() => new WordTokenizer(["a", "a"]), /duplicate/);
  const again = WordTokenizer.fromSpec(tok.spec());
  assert.deepEqual(again.vocab, tok.vocab);
  const own = new WordTokenizer(["x", "<eos>", "<pad>"]); // a vocabulary may place specials itself
  assert.deepEqual([own.padId, own.eosId], [2, 1]);
});
