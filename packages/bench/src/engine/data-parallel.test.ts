// Data-parallel training (2 worker replicas, half a batch each) must match single-thread training
// on the full batch: same losses and, after several Adam steps, the same weights.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { initBackend } from "./backend";
import { splitBatch, lossWeight } from "./data-parallel-protocol";
import { DataParallelTrainer, modelWeights, trainDataParallel } from "./data-parallel";
import { buildBatch, type Example } from "./loss";
import { createModel, disposeModel } from "./model";
import { enableNativeKernels } from "./native/enable-native-kernels";
import { train } from "./train";

/** Prompt + reversed completion over ids 2..9, with uneven lengths so shards differ. */
function examples(count: number): Example[] {
  return Array.from({ length: count }, (_, i) => {
    const len = 2 + (i % 4);
    const digits = Array.from({ length: len }, (_, j) => 2 + ((i * 7 + j * 3) % 8));
    return { prompt: [...digits, 10], completion: [...digits].reverse(), weight: 1 + (i % 3) };
  });
}

const config = { nLayers: 1, dModel: 32, nHeads: 2, contextLength: 12, vocabSize: 11 };
const options = {
  special: { padId: 0, eosId: 1 },
  steps: 6,
  batchSize: 16,
  lr: 1e-2,
  seed: 5,
  optimizer: { kind: "adamw" as const, weightDecay: 0.01 },
};

before(async () => {
  await initBackend("wasm");
  console.log(`# main thread native kernels: ${enableNativeKernels().summary}`);
});

test("splitBatch shards preserve rows, tokens and the loss normaliser", () => {
  const batch = buildBatch(examples(7), options.special, config.contextLength);
  const shards = splitBatch(batch, 2);
  assert.deepEqual(
    shards.map((s) => s.rows),
    [4, 3],
  );
  assert.equal(shards[0]!.tokens + shards[1]!.tokens, batch.tokens);
  assert.equal(lossWeight(shards[0]!) + lossWeight(shards[1]!), lossWeight(batch));
});

test("2-worker data-parallel training matches single-worker full-batch training", async () => {
  const data = examples(48);
  const single = createModel(config, 3);
  const parallel = createModel(config, 3);
  const a = await train(single, data, options);
  const b = await trainDataParallel(parallel, data, { ...options, workers: 2 });
  assert.equal(b.steps, a.steps);
  for (let i = 0; i < a.losses.length; i++) {
    assert.ok(
      Math.abs(a.losses[i]! - b.losses[i]!) < 1e-4,
      `loss ${i}: ${a.losses[i]} vs ${b.losses[i]}`,
    );
  }
  assert.ok(a.losses.at(-1)! < a.losses[0]!, "the model trained");
  const wa = modelWeights(single);
  const wb = modelWeights(parallel);
  let worst = 0;
  for (const [name, x] of wa) {
    const y = wb.get(name)!;
    for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i]! - y[i]!));
  }
  console.log(`# data-parallel vs single: max weight difference ${worst.toExponential(2)}`);
  // 6 steps at lr 1e-2 move weights by up to 0.06. Shards sum in a different order than the full
  // batch, and Adam's g/√v turns float rounding in near-zero gradients into visible steps, so
  // exact equality is not expected; a wrong shard weighting moves weights by ~1e-2.
  assert.ok(worst < 1e-3, `max weight difference ${worst}`);
  disposeModel(single);
  disposeModel(parallel);
});

test("a replica that fails rejects the step instead of hanging the others", async () => {
  const model = createModel(config, 4);
  const trainer = await DataParallelTrainer.create({
    config: model.config,
    weights: modelWeights(model),
    workers: 2,
  });
  try {
    const good = buildBatch(examples(8), options.special, config.contextLength);
    const first = await trainer.step(good, 1e-3);
    assert.ok(Number.isFinite(first.loss));
    const bad = { ...good, ids: good.ids.map((id, i) => (i === good.ids.length - 1 ? 999 : id)) };
    await assert.rejects(trainer.step(bad, 1e-3), /replica|index/);
  } finally {
    await trainer.close();
    disposeModel(model);
  }
});
