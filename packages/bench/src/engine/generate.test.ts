import * as tf from "@tensorflow/tfjs-core";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { generate, logprobs } from "./generate";
import { createModel, disposeModel, type Model } from "./model";
import { useBackend } from "./test-util";
import { perturb } from "./weights";

const config = { nLayers: 2, dModel: 16, nHeads: 2, contextLength: 16, vocabSize: 12 };
const prompts = [[2, 3, 4], [5], [6, 7, 8, 9, 10, 11], [3, 3]];
let model: Model;

before(async () => {
  await useBackend("wasm");
  model = createModel(config, 21);
  perturb(model, { std: 0.3, seed: 1 }); // peaky logits, so greedy choices are clear-cut
});

function maxDiff(a: Float32Array[], b: Float32Array[]): number {
  let worst = 0;
  a.forEach((row, i) => row.forEach((x, j) => (worst = Math.max(worst, Math.abs(x - b[i]![j]!)))));
  return worst;
}

test("KV-cache decoding equals uncached decoding (greedy tokens, close logits)", async () => {
  const opts = { maxTokens: 8, returnLogits: true };
  const cached = await generate(model, prompts, opts);
  const plain = await generate(model, prompts, { ...opts, useCache: false });
  for (let i = 0; i < prompts.length; i++) {
    const [c, p] = [cached[i]![0]!, plain[i]![0]!];
    assert.deepEqual(c.tokens, p.tokens, `prompt ${i}`);
    assert.ok(
      maxDiff(c.logits!, p.logits!) < 1e-4,
      `prompt ${i}: logits differ by ${maxDiff(c.logits!, p.logits!)}`,
    );
  }
});

test("left-padded batching gives the same result as decoding each prompt alone", async () => {
  const batched = await generate(model, prompts, { maxTokens: 6, returnLogits: true });
  for (let i = 0; i < prompts.length; i++) {
    const [alone] = await generate(model, [prompts[i]!], { maxTokens: 6, returnLogits: true });
    assert.deepEqual(batched[i]![0]!.tokens, alone![0]!.tokens);
    assert.ok(maxDiff(batched[i]![0]!.logits!, alone![0]!.logits!) < 1e-4);
  }
});

test("stop tokens, max tokens and the context length end a sample", async () => {
  const [greedy] = await generate(model, [prompts[0]!], { maxTokens: 5 });
  const first = greedy![0]!.tokens[0]!;
  const [stopped] = await generate(model, [prompts[0]!], { maxTokens: 5, stopTokens: [first] });
  assert.deepEqual(stopped![0], { tokens: [], finish: "stop", stopToken: first });
  assert.equal(greedy![0]!.tokens.length, 5);
  assert.equal(greedy![0]!.finish, "length");
  // Rows of different lengths in one batch each run up to the context length.
  const long = await generate(model, prompts, { maxTokens: 100, useCache: true });
  prompts.forEach((p, i) =>
    assert.equal(p.length + long[i]![0]!.tokens.length, config.contextLength),
  );
});

test("sampling is seeded: same seed same samples, n samples per prompt", async () => {
  const opts = { maxTokens: 6, temperature: 1.5, topP: 0.95, n: 3, seed: 7 };
  const a = await generate(model, prompts, opts);
  const b = await generate(model, prompts, { ...opts, batchSize: 5 }); // batching must not matter
  const c = await generate(model, prompts, { ...opts, seed: 8 });
  assert.deepEqual(a, b);
  assert.equal(a[0]!.length, 3);
  assert.notDeepEqual(a, c);
  const distinct = new Set(a.flatMap((s) => s.map((x) => x.tokens.join())));
  assert.ok(distinct.size > prompts.length, "samples of one prompt differ");
});

test("logprobs of a greedy completion match the decoder's log-softmax", async () => {
  const out = await generate(model, prompts, { maxTokens: 4, returnLogits: true });
  const items = prompts.map((prompt, i) => ({ prompt, completion: out[i]![0]!.tokens }));
  const lps = logprobs(model, items);
  items.forEach((item, i) => {
    const expected = out[i]![0]!.logits!.map((row, j) => {
      const max = Math.max(...row);
      const lse = max + Math.log(row.reduce((s, x) => s + Math.exp(x - max), 0));
      return row[item.completion[j]!]! - lse;
    });
    lps[i]!.tokens.forEach((x, j) =>
      assert.ok(Math.abs(x - expected[j]!) < 1e-4, `prompt ${i} token ${j}`),
    );
    assert.ok(Math.abs(lps[i]!.sum - expected.reduce((s, x) => s + x, 0)) < 1e-3);
  });
});

test("decoding and scoring leave no tensors behind", async () => {
  const run = async () => {
    await generate(model, prompts, { maxTokens: 6, n: 2, temperature: 1 });
    await generate(model, prompts, { maxTokens: 6, useCache: false });
    logprobs(model, [{ prompt: [2], completion: [3, 4] }], { eosId: 1 });
  };
  await run(); // warms the model's cached causal masks
  const before = tf.memory().numTensors;
  await run();
  assert.equal(tf.memory().numTensors, before);
});

test("a model's own tensors are released by disposeModel", () => {
  const before = tf.memory().numTensors;
  const m = createModel(config, 1);
  disposeModel(m);
  assert.equal(tf.memory().numTensors, before);
});
