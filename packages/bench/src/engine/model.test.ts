import * as tf from "@tensorflow/tfjs-core";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import {
  createModel,
  disposeModel,
  forward,
  layerNorm,
  layerNormReference,
  parameterCount,
  parameterShapes,
} from "./model";
import { useBackend } from "./test-util";

before(() => useBackend("wasm"));

test("seeded init is deterministic and follows the documented names and shapes", () => {
  const config = { nLayers: 2, dModel: 16, nHeads: 2, contextLength: 8, vocabSize: 10 };
  const a = createModel(config, 1);
  const b = createModel(config, 1);
  const c = createModel(config, 2);
  const names = [...a.params.keys()];
  assert.deepEqual(
    names,
    parameterShapes(a.config).map(([n]) => n),
  );
  assert.equal(names.length, 2 + 12 * 2 + 3);
  assert.ok(names.includes("transformer.h.1.attn.c_attn.weight"));
  assert.deepEqual(a.params.get("transformer.h.1.mlp.c_fc.weight")!.shape, [16, 64]);
  assert.deepEqual(a.params.get("lm_head.weight")!.shape, [16, 10]);
  const wte = "transformer.wte.weight";
  assert.deepEqual(a.params.get(wte)!.dataSync(), b.params.get(wte)!.dataSync());
  assert.notDeepEqual(a.params.get(wte)!.dataSync(), c.params.get(wte)!.dataSync());
  assert.equal(
    parameterCount(a),
    10 * 16 +
      8 * 16 +
      2 * (4 * 16 + 16 * 48 + 48 + 16 * 16 + 16 + 16 * 64 + 64 + 64 * 16 + 16) +
      32 +
      16 * 10,
  );
  const { logits } = forward(a, tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3], "int32"));
  assert.deepEqual(logits.shape, [2, 3, 10]);
  logits.dispose();
  [a, b, c].forEach(disposeModel);
});

test("LayerNorm's hand-written gradient equals autodiff of the reference", () => {
  const x = tf.randomNormal([6, 8], 0, 2, "float32", 1) as tf.Tensor2D;
  const g = tf.randomNormal([8], 1, 0.3, "float32", 2);
  const b = tf.randomNormal([8], 0, 0.3, "float32", 3);
  const dy = tf.randomNormal([6, 8], 0, 1, "float32", 4);
  const through = (ln: typeof layerNorm) =>
    tf.grads((a: tf.Tensor, w: tf.Tensor, c: tf.Tensor) =>
      tf.sum(tf.mul(ln(a as tf.Tensor2D, w, c), dy)),
    )([x, g, b]);
  const ref = through(layerNormReference);
  const ours = through(layerNorm);
  const values = [layerNormReference(x, g, b), layerNorm(x, g, b)];
  const maxDiff = (p: tf.Tensor, q: tf.Tensor) =>
    tf.tidy(() => tf.max(tf.abs(tf.sub(p, q))).dataSync()[0]!);
  assert.ok(maxDiff(values[0]!, values[1]!) < 1e-5, "same values");
  ref.forEach((r, i) =>
    assert.ok(maxDiff(r, ours[i]!) < 1e-4, `gradient ${i} differs by ${maxDiff(r, ours[i]!)}`),
  );
  tf.dispose([x, g, b, dy, ...ref, ...ours, ...values]);
});
