import * as tf from "@tensorflow/tfjs-core";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { buildPairBatch, dpoLoss, type PreferencePair } from "./loss";
import { createModel, disposeModel, type Model } from "./model";
import { computeGradients, pairLogprobs, trainDpo } from "./train";
import { useBackend } from "./test-util";
import { cloneModel } from "./weights";

const special = { padId: 0, eosId: 1 };
const config = { nLayers: 1, dModel: 16, nHeads: 2, contextLength: 10, vocabSize: 10 };
const pairs: PreferencePair[] = [
  { prompt: [2, 3], chosen: [4, 5], rejected: [6, 7] },
  { prompt: [3, 2, 9], chosen: [8], rejected: [5, 5, 5] },
  { prompt: [7], chosen: [2, 2], rejected: [3] },
];

before(() => useBackend("wasm"));

function loss(model: Model, reference: Model, list: PreferencePair[], weights?: number[]) {
  const batch = buildPairBatch(list, special, config.contextLength);
  const ref = pairLogprobs(reference, list, special);
  const w = Float32Array.from(weights ?? list.map((p) => p.weight ?? 1));
  return computeGradients(model, () => dpoLoss(model, batch, ref, w, 0.1));
}

function maxAbs(grads: Map<string, tf.Tensor>): number {
  return Math.max(
    ...[...grads.values()].map((g) => tf.tidy(() => tf.max(tf.abs(g)).dataSync()[0]!)),
  );
}

test("policy == reference gives −log σ(0) = ln 2, scaled by the reward-gap weight", () => {
  const model = createModel(config, 1);
  const reference = cloneModel(model);
  const plain = loss(model, reference, pairs);
  assert.ok(Math.abs(plain.loss.dataSync()[0]! - Math.LN2) < 1e-5);
  const weighted = loss(model, reference, pairs, [2, 2, 2]);
  assert.ok(Math.abs(weighted.loss.dataSync()[0]! - 2 * Math.LN2) < 1e-5);
  const zero = loss(model, reference, pairs, [0, 0, 0]);
  assert.ok(maxAbs(zero.grads) === 0, "zero reward gap, zero gradient");
  tf.dispose([
    plain.loss,
    weighted.loss,
    zero.loss,
    ...plain.grads.values(),
    ...weighted.grads.values(),
    ...zero.grads.values(),
  ]);
  disposeModel(model);
  disposeModel(reference);
});

test("identical chosen and rejected completions give a zero gradient", () => {
  const model = createModel(config, 2);
  const reference = createModel(config, 3); // a different reference: the margin is still 0
  const same = pairs.map((p) => ({ ...p, rejected: p.chosen }));
  const { loss: l, grads } = loss(model, reference, same);
  assert.ok(Math.abs(l.dataSync()[0]! - Math.LN2) < 1e-5);
  assert.ok(maxAbs(grads) < 1e-6, `max |grad| ${maxAbs(grads)}`);
  tf.dispose([l, ...grads.values()]);
  disposeModel(model);
  disposeModel(reference);
});

test("DPO training raises chosen relative to rejected and lowers the loss", async () => {
  const model = createModel(config, 4);
  const reference = cloneModel(model);
  const before = pairLogprobs(model, pairs, special);
  const result = await trainDpo(model, pairs, {
    special,
    reference,
    steps: 20,
    batchSize: 3,
    lr: 3e-3,
    seed: 1,
  });
  const after = pairLogprobs(model, pairs, special);
  assert.ok(Math.abs(result.losses[0]! - Math.LN2) < 1e-5, "first step starts at ln 2");
  assert.ok(
    result.losses.at(-1)! < result.losses[0]! - 0.05,
    `loss ${result.losses[0]} → ${result.losses.at(-1)}`,
  );
  for (let i = 0; i < pairs.length; i++) {
    const gain = after.chosen[i]! - before.chosen[i]! - (after.rejected[i]! - before.rejected[i]!);
    assert.ok(gain > 0, `pair ${i}: chosen − rejected margin rose (${gain})`);
  }
  disposeModel(model);
  disposeModel(reference);
});

test("the trained model can be its own reference (taken before the first step)", async () => {
  const model = createModel(config, 5);
  const result = await trainDpo(model, pairs, {
    special,
    reference: model,
    steps: 5,
    batchSize: 3,
    lr: 3e-3,
  });
  assert.ok(Math.abs(result.losses[0]! - Math.LN2) < 1e-5);
  assert.ok(result.losses.at(-1)! < result.losses[0]!);
  disposeModel(model);
});
