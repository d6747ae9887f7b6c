// Parity of the wasm backend (with the engine's extra kernels) against the pure-JS cpu backend.
import * as tf from "@tensorflow/tfjs-core";
import assert from "node:assert/strict";
import { test } from "node:test";
import { initBackend, type BackendName } from "./backend";
import { buildBatch, lmLoss } from "./loss";
import { createModel, disposeModel } from "./model";
import { computeGradients } from "./train";

function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: number,
  what: string,
): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const scale = Math.max(1, Math.abs(expected[i]!));
    worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / scale);
  }
  assert.ok(worst <= tol, `${what}: max relative difference ${worst} > ${tol}`);
}

async function lossAndGrads(backend: BackendName) {
  const info = await initBackend(backend);
  assert.equal(info.name, backend);
  const model = createModel(
    { nLayers: 2, dModel: 16, nHeads: 2, contextLength: 10, vocabSize: 12 },
    11,
  );
  const batch = buildBatch(
    [
      { prompt: [2, 3, 4], completion: [5, 6, 7, 8] },
      { prompt: [9], completion: [10, 11], weight: 2 },
      { prompt: [4, 4, 4, 4, 4], completion: [3] },
    ],
    { padId: 0, eosId: 1 },
    model.config.contextLength,
  );
  const { loss, grads } = computeGradients(model, () => lmLoss(model, batch));
  const out = {
    loss: loss.dataSync()[0]!,
    grads: new Map([...grads].map(([name, g]) => [name, g.dataSync() as Float32Array])),
  };
  tf.dispose([loss, ...grads.values()]);
  disposeModel(model);
  return out;
}

test("wasm and cpu give the same loss and gradients on a seeded model", async () => {
  const cpu = await lossAndGrads("cpu");
  const wasm = await lossAndGrads("wasm");
  assert.ok(
    Math.abs(cpu.loss - wasm.loss) < 1e-5 * Math.max(1, cpu.loss),
    `loss ${cpu.loss} vs ${wasm.loss}`,
  );
  assert.equal(wasm.grads.size, cpu.grads.size);
  assert.ok(
    cpu.grads.has("transformer.wte.weight"),
    "embedding gradient (UnsortedSegmentSum) present",
  );
  for (const [name, g] of cpu.grads) assertClose(wasm.grads.get(name)!, g, 1e-4, name);
});

async function onBackend(backend: BackendName, f: () => tf.Tensor): Promise<Float32Array> {
  await initBackend(backend);
  const t = f();
  const data = t.dataSync() as Float32Array;
  t.dispose();
  return data;
}

test("registered wasm kernels match cpu: UnsortedSegmentSum and transposed BatchMatMul", async () => {
  const values = Array.from({ length: 5 * 3 }, (_, i) => Math.sin(i));
  const seg = () =>
    tf.tidy(() =>
      tf.unsortedSegmentSum(tf.tensor2d(values, [5, 3]), tf.tensor1d([2, 0, 2, 3, 0], "int32"), 4),
    );
  assertClose(
    await onBackend("wasm", seg),
    await onBackend("cpu", seg),
    1e-6,
    "UnsortedSegmentSum",
  );
  const a = Array.from({ length: 2 * 4 * 3 }, (_, i) => Math.cos(i));
  const b = Array.from({ length: 2 * 4 * 5 }, (_, i) => Math.sin(i * 0.7));
  for (const [ta, tb] of [
    [true, false],
    [false, true],
    [true, true],
  ] as const) {
    const mm = () =>
      tf.tidy(() => {
        const x = ta
          ? tf.tensor3d(a, [2, 4, 3])
          : tf.transpose(tf.tensor3d(a, [2, 4, 3]), [0, 2, 1]);
        const y = tb
          ? tf.transpose(tf.tensor3d(b, [2, 4, 5]), [0, 2, 1])
          : tf.tensor3d(b, [2, 4, 5]);
        return tf.matMul(x, y, ta, tb);
      });
    assertClose(
      await onBackend("wasm", mm),
      await onBackend("cpu", mm),
      1e-5,
      `matMul(${ta}, ${tb})`,
    );
  }
});

test("the selected backend is reported, with skipped candidates", async () => {
  const info = await initBackend("tensorflow");
  // tfjs-node is not a dependency: unless it is installed, selection falls back to wasm.
  if (info.name !== "tensorflow") {
    assert.equal(info.name, "wasm");
    assert.match(info.skipped[0]!, /^tensorflow: /);
  }
  assert.equal(tf.getBackend(), info.name);
});
