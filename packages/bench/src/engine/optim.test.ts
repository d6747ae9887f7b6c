import * as tf from "@tensorflow/tfjs-core";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { clipByGlobalNorm, createOptimizer, learningRate, type Gradients } from "./optim";
import { useBackend } from "./test-util";

before(() => useBackend("wasm"));

const w0 = [0.5, -0.25, 1, 2]; // a 2×2 matrix: decayed
const b0 = [0.1, -0.3]; // a vector: never decayed
const gw = [0.2, -0.1, 0.05, 0.3];
const gb = [-0.4, 0.6];

function setup() {
  const params = new Map<string, tf.Variable>([
    ["w", tf.variable(tf.tensor2d(w0, [2, 2]), true, `optim-test-w-${Math.random()}`)],
    ["b", tf.variable(tf.tensor1d(b0), true, `optim-test-b-${Math.random()}`)],
  ]);
  const grads: Gradients = new Map<string, tf.Tensor>([
    ["w", tf.tensor2d(gw, [2, 2])],
    ["b", tf.tensor1d(gb)],
  ]);
  return { params, grads };
}

function close(actual: ArrayLike<number>, expected: number[], what: string): void {
  expected.forEach((x, i) =>
    assert.ok(Math.abs(actual[i]! - x) < 1e-6, `${what}[${i}]: ${actual[i]} vs ${x}`),
  );
}

test("AdamW matches a scalar reference for two steps; decay only on matrices", () => {
  const { params, grads } = setup();
  const opt = createOptimizer(params, {
    kind: "adamw",
    beta1: 0.9,
    beta2: 0.999,
    eps: 1e-8,
    weightDecay: 0.1,
  });
  const lr = 0.01;
  const reference = (p0: number[], g: number[], decay: number) => {
    let p = [...p0];
    const m = p.map(() => 0);
    const v = p.map(() => 0);
    for (let t = 1; t <= 2; t++) {
      p = p.map((x, i) => {
        m[i] = 0.9 * m[i]! + 0.1 * g[i]!;
        v[i] = 0.999 * v[i]! + 0.001 * g[i]! ** 2;
        const update =
          m[i]! / (1 - 0.9 ** t) / (Math.sqrt(v[i]!) / Math.sqrt(1 - 0.999 ** t) + 1e-8);
        return x - lr * (update + decay * x);
      });
    }
    return p;
  };
  opt.apply(grads, lr);
  opt.apply(grads, lr);
  close(params.get("w")!.dataSync(), reference(w0, gw, 0.1), "w");
  close(params.get("b")!.dataSync(), reference(b0, gb, 0), "b");
  opt.dispose();
  tf.dispose([...params.values(), ...grads.values()]);
});

test("Lion matches a scalar reference for two steps", () => {
  const { params, grads } = setup();
  const opt = createOptimizer(params, { kind: "lion", beta1: 0.9, beta2: 0.99, weightDecay: 0.5 });
  const lr = 0.01;
  const reference = (p0: number[], g: number[], decay: number) => {
    let p = [...p0];
    const m = p.map(() => 0);
    for (let t = 1; t <= 2; t++) {
      p = p.map((x, i) => {
        const c = 0.9 * m[i]! + 0.1 * g[i]!;
        m[i] = 0.99 * m[i]! + 0.01 * g[i]!;
        return x - lr * (Math.sign(c) + decay * x);
      });
    }
    return p;
  };
  opt.apply(grads, lr);
  opt.apply(grads, lr);
  close(params.get("w")!.dataSync(), reference(w0, gw, 0.5), "w");
  close(params.get("b")!.dataSync(), reference(b0, gb, 0), "b");
  opt.dispose();
  tf.dispose([...params.values(), ...grads.values()]);
});

test("global-norm clipping scales every gradient by the same factor", () => {
  const { params, grads } = setup();
  const norm = Math.sqrt([...gw, ...gb].reduce((s, x) => s + x * x, 0));
  const out = clipByGlobalNorm(grads, norm / 2);
  assert.ok(Math.abs(out.norm - norm) < 1e-6);
  close(
    out.grads.get("w")!.dataSync(),
    gw.map((x) => x / 2),
    "w",
  );
  close(
    out.grads.get("b")!.dataSync(),
    gb.map((x) => x / 2),
    "b",
  );
  const same = clipByGlobalNorm(out.grads, 10);
  assert.equal(same.grads, out.grads, "below the limit: unchanged");
  tf.dispose([...params.values(), ...out.grads.values()]);
});

test("learning rate: linear warm-up, flat, linear cool-down to 0", () => {
  const s = { lr: 1, warmupSteps: 4, cooldownSteps: 5, totalSteps: 20 };
  assert.deepEqual(
    [0, 1, 3, 4, 10, 15, 16, 19].map((t) => learningRate(s, t)),
    [0.25, 0.5, 1, 1, 1, 1, 0.8, 0.2],
  );
});
