import * as tf from "@tensorflow/tfjs-core";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { logprobs } from "./generate";
import { buildBatch, lmLoss } from "./loss";
import { createModel, disposeModel } from "./model";
import { useBackend } from "./test-util";

const special = { padId: 0, eosId: 1 };
before(() => useBackend("wasm"));

test("batches right-pad, shift targets and mask everything but completion + eos", () => {
  const batch = buildBatch(
    [
      { prompt: [5, 6], completion: [7] },
      { prompt: [2], completion: [3, 4], weight: 3 },
    ],
    special,
    8,
  );
  assert.equal(batch.length, 3);
  assert.deepEqual([...batch.ids], [5, 6, 7, 2, 3, 4]);
  assert.deepEqual([...batch.targets], [6, 7, 1, 3, 4, 1]);
  assert.deepEqual([...batch.mask], [0, 1, 1, 1, 1, 1]);
  assert.deepEqual([...batch.weights], [1, 3]);
  assert.equal(batch.tokens, 5);
  assert.throws(
    () => buildBatch([{ prompt: [2, 3, 4], completion: [5, 6] }], special, 4),
    /exceeds contextLength 4/,
  );
});

test("LM loss = weighted mean NLL of completion tokens; weight 0 removes an example", () => {
  const model = createModel(
    { nLayers: 1, dModel: 16, nHeads: 2, contextLength: 8, vocabSize: 9 },
    3,
  );
  const a = { prompt: [2, 3, 4], completion: [5, 6] };
  const b = { prompt: [7], completion: [8, 2, 3] };
  const value = (examples: { prompt: number[]; completion: number[]; weight?: number }[]) =>
    tf.tidy(() => lmLoss(model, buildBatch(examples, special, 8)).dataSync()[0]!);
  const [la, lb] = logprobs(model, [a, b], { eosId: 1 });
  const nll = (x: typeof la) => -x!.sum;
  // 3 target tokens in a (2 + eos), 4 in b (3 + eos)
  assert.ok(Math.abs(value([a, b]) - (nll(la) + nll(lb)) / 7) < 1e-5);
  assert.ok(Math.abs(value([a, { ...b, weight: 0 }]) - nll(la) / 3) < 1e-5);
  assert.ok(Math.abs(value([a, { ...b, weight: 2 }]) - (nll(la) + 2 * nll(lb)) / (3 + 8)) < 1e-5);
  // The prompt is context only: a different prompt changes the loss, a different padding does not.
  assert.ok(Math.abs(value([a]) - value([{ ...a, prompt: [4, 3, 2] }])) > 1e-6);
  assert.ok(
    Math.abs(value([a]) - value([a, { prompt: [2, 2, 2, 2, 2], completion: [2], weight: 0 }])) <
      1e-6,
  );
  disposeModel(model);
});
