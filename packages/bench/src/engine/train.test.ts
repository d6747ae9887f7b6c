import assert from "node:assert/strict";
import { before, test } from "node:test";
import { generate } from "./generate";
import { createModel, disposeModel } from "./model";
import { reverseTask, useBackend } from "./test-util";
import { train } from "./train";

before(() => useBackend("wasm"));

test("a tiny model learns to reverse 4 digits (~100% greedy accuracy)", async () => {
  const k = 6;
  const data = reverseTask(600, 4, k, 1);
  const held = reverseTask(64, 4, k, 99);
  const model = createModel(
    { nLayers: 2, dModel: 32, nHeads: 4, contextLength: 10, vocabSize: k + 3 },
    7,
  );
  const t0 = performance.now();
  const result = await train(model, data, {
    special: { padId: 0, eosId: 1 },
    steps: 200,
    batchSize: 32,
    lr: 5e-3,
    warmupSteps: 10,
    cooldownSteps: 50,
    seed: 3,
  });
  const seconds = (performance.now() - t0) / 1000;
  const out = await generate(
    model,
    held.map((e) => e.prompt),
    { maxTokens: 6, stopTokens: [1] },
  );
  const correct = held.filter((e, i) => out[i]![0]!.tokens.join() === e.completion.join()).length;
  console.log(
    `reverse: ${correct}/${held.length} correct, final loss ${result.losses.at(-1)!.toFixed(4)}, ${seconds.toFixed(1)} s`,
  );
  assert.ok(result.losses.at(-1)! < result.losses[0]! / 10, "loss fell");
  assert.ok(correct >= 0.95 * held.length, `accuracy ${correct}/${held.length}`);
  disposeModel(model);
});
