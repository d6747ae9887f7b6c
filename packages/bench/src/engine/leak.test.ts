import * as tf from "@tensorflow/tfjs-core";
import assert from "node:assert/strict";
import { test } from "node:test";
import { createModel, disposeModel } from "./model";
import { reverseTask, useBackend } from "./test-util";
import { train, trainDpo } from "./train";
import { cloneModel } from "./weights";

test("1,000 training steps keep tf.memory().numTensors flat", async () => {
  await useBackend("wasm");
  const baseline = tf.memory().numTensors;
  const model = createModel(
    { nLayers: 1, dModel: 8, nHeads: 2, contextLength: 6, vocabSize: 6 },
    1,
  );
  const data = reverseTask(16, 2, 3, 1);
  const counts: number[] = [];
  const start = tf.memory().numTensors;
  await train(model, data, {
    special: { padId: 0, eosId: 1 },
    steps: 1000,
    batchSize: 4,
    optimizer: { kind: "lion" },
    lr: 1e-3,
    warmupSteps: 10,
    onProgress: (p) => {
      if (p.step % 100 === 0) counts.push(tf.memory().numTensors);
    },
  });
  assert.equal(counts.length, 10);
  assert.ok(
    counts.every((c) => c === counts[0]),
    `tensor count drifted: ${counts.join(", ")}`,
  );
  assert.equal(tf.memory().numTensors, start + model.masks.size, "only cached causal masks remain");
  const reference = cloneModel(model);
  const pairs = data.map((e) => ({
    prompt: e.prompt,
    chosen: e.completion,
    rejected: [...e.completion].reverse(),
  }));
  await trainDpo(model, pairs, {
    special: { padId: 0, eosId: 1 },
    reference,
    steps: 20,
    batchSize: 4,
  });
  disposeModel(reference);
  disposeModel(model);
  assert.equal(
    tf.memory().numTensors,
    baseline,
    "models (weights and cached masks) fully released",
  );
});
