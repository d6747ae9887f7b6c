// Parity of the native memory-bound kernels (native-ops.ts) with the pure-JS `cpu` backend.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
import { registerGradients } from "../gradients";
import { registerWasmKernels } from "../wasm-kernels";
import { layerNormReference } from "../model";
import { gelu } from "./gelu";
import { fusedLayerNorm, hasFusedLayerNorm } from "./layer-norm";
import { loadNativeAddon } from "./native-addon";
import { registerNativeKernels } from "./native-kernels";

const status = loadNativeAddon();
const skip = status.ok ? false : `native addon unavailable: ${status.reason}`;
if (skip) console.log(`# SKIP native op parity: ${skip}`);

function values(n: number, seed: number, scale = 2): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 31 - 1) * scale;
  }
  return out;
}

const input = (shape: number[], seed: number) =>
  tf.tensor(values(tf.util.sizeFromShape(shape), seed), shape);

/** Runs `f` on cpu and on wasm (native kernels) and compares every output tensor. */
async function parity(label: string, f: () => tf.Tensor | tf.Tensor[], tol = 1e-5): Promise<void> {
  const run = async (backend: string) => {
    await tf.setBackend(backend);
    tf.engine().startScope();
    try {
      const out = f();
      return (Array.isArray(out) ? out : [out]).map((t) => ({
        shape: t.shape,
        dtype: t.dtype,
        data: Array.from(t.dataSync()),
      }));
    } finally {
      tf.engine().endScope();
    }
  };
  const cpu = await run("cpu");
  const wasm = await run("wasm");
  assert.equal(wasm.length, cpu.length, `${label}: outputs`);
  cpu.forEach((expected, k) => {
    const actual = wasm[k]!;
    assert.deepEqual(actual.shape, expected.shape, `${label}[${k}] shape`);
    assert.equal(actual.dtype, expected.dtype, `${label}[${k}] dtype`);
    expected.data.forEach((e, i) => {
      const a = actual.data[i]!;
      if (a !== e && !(Math.abs(a - e) <= tol * (1 + Math.abs(e)))) {
        assert.fail(`${label}[${k}] element ${i}: wasm ${a}, cpu ${e}`);
      }
    });
  });
}

describe("native memory-bound kernels on wasm", { skip }, () => {
  before(async () => {
    if (!status.ok) return;
    await registerGradients();
    registerWasmKernels(); // the engine's UnsortedSegmentSum (gather's gradient)
    await tf.setBackend("wasm");
    registerNativeKernels(status.addon);
  });

  test("pow with scalar exponents (cube, square, fractional) and tensor exponents", async () => {
    for (const p of [3, 2, 1, 0, 1.5]) {
      await parity(`pow ${p}`, () => tf.pow(tf.abs(input([37, 11], 1)), tf.scalar(p)), 1e-5);
    }
    await parity(
      "pow tensor exponent",
      () => tf.pow(tf.abs(input([5, 4], 2)), input([5, 4], 3)),
      1e-4,
    );
  });

  test("tanh over the whole range", async () => {
    await parity("tanh", () => tf.tanh(tf.mul(input([1000], 4), 6)), 2e-6);
    await parity(
      "tanh extremes",
      () => tf.tanh(tf.tensor([-100, -9.5, -1e-8, 0, 1e-8, 9.5, 100])),
      2e-6,
    );
  });

  test("sum over leading, middle, trailing and all axes, with and without keepDims", async () => {
    const x = () => input([6, 5, 4, 3], 5);
    for (const axis of [0, 1, 3, -1, [0, 1], [1, 2], [2, 3], [0, 1, 2, 3]]) {
      for (const keepDims of [false, true]) {
        await parity(
          `sum ${JSON.stringify(axis)} ${keepDims}`,
          () => tf.sum(x(), axis, keepDims),
          1e-5,
        );
      }
    }
    await parity("sum non-contiguous axes (fallback)", () => tf.sum(x(), [0, 2]), 1e-5);
    await parity("sum int32 (fallback)", () => tf.sum(tf.tensor([1, 2, 3, 4], [2, 2], "int32"), 0));
  });

  test("split and concat along every axis", async () => {
    const x = () => input([4, 6, 5], 6);
    for (const axis of [0, 1, 2]) {
      await parity(`split even ${axis}`, () => tf.split(x(), [2, 3, 5][axis]!, axis));
      await parity(`split sizes ${axis}`, () => tf.split(x(), [1, -1, 2], axis));
      await parity(`concat ${axis}`, () =>
        tf.concat(
          [
            x(),
            tf.mul(x(), 2),
            tf.slice(
              x(),
              0,
              [2, 3, 1].map((v, i) => (i === axis ? v : [4, 6, 5][i]!)),
            ),
          ],
          axis,
        ),
      );
    }
    await parity("split int32", () =>
      tf.split(tf.tensor([1, 2, 3, 4, 5, 6], [2, 3], "int32"), 3, 1),
    );
    await parity("concat with an empty part", () =>
      tf.concat([input([2, 3], 7), tf.zeros([0, 3])], 0),
    );
  });

  test("gather rows (embedding lookup) and out-of-range indices", async () => {
    const idx = () => tf.tensor([3, 0, 3, 9, 1], [5], "int32");
    await parity("gather", () => tf.gather(input([10, 7], 8), idx()));
    await parity("gather 2-d indices", () =>
      tf.gather(
        input([10, 2, 3], 9),
        tf.tensor(
          [
            [1, 2],
            [9, 0],
          ],
          [2, 2],
          "int32",
        ),
      ),
    );
    await parity("gather axis 1 (fallback)", () => tf.gather(input([4, 10], 10), idx(), 1));
    await tf.setBackend("wasm");
    assert.throws(
      () => tf.gather(input([4, 3], 1), tf.tensor([0, 4], [2], "int32")),
      /index value 4/,
    );
  });

  test("cast to the same dtype shares the buffer; other casts convert", async () => {
    await parity("cast same", () => tf.cast(input([3, 4], 12), "float32"));
    await parity("cast to int32", () => tf.cast(input([3, 4], 13), "int32"));
    await parity("cast to bool", () => tf.cast(input([3, 4], 14), "bool"));
  });

  test("identity shares the buffer and the result survives disposing the input", async () => {
    await tf.setBackend("wasm");
    const x = input([3, 4], 11);
    const expected = Array.from(x.dataSync());
    const y = tf.clone(x);
    x.dispose();
    assert.deepEqual(Array.from(y.dataSync()), expected);
    y.dispose();
  });

  test("add, sub, mul, div with the step's broadcasts (and others via fallback)", async () => {
    const shapes: [number[], number[]][] = [
      [
        [6, 5],
        [6, 5],
      ],
      [[6, 5], []],
      [[], [6, 5]],
      [[6, 5], [5]],
      [[5], [6, 5]],
      [
        [6, 5],
        [6, 1],
      ],
      [
        [6, 1],
        [6, 5],
      ],
      [
        [2, 3, 4],
        [3, 4],
      ],
      [
        [2, 3, 4],
        [2, 3, 1],
      ],
      [
        [2, 3, 4],
        [1, 1, 4],
      ],
      [
        [2, 1, 4],
        [1, 3, 1],
      ],
      [
        [6, 1],
        [1, 5],
      ],
      [
        [2, 3, 4],
        [2, 1, 4],
      ],
    ];
    const ops = { add: tf.add, sub: tf.sub, mul: tf.mul, div: tf.div } as const;
    for (const [sa, sb] of shapes) {
      for (const [name, op] of Object.entries(ops)) {
        await parity(`${name} [${sa}] [${sb}]`, () => op(input(sa, 17), tf.add(input(sb, 18), 3)));
      }
    }
    await parity("int32 add (fallback)", () =>
      tf.add(tf.tensor([1, 2], [2], "int32"), tf.tensor([3], [1], "int32")),
    );
  });

  test("transpose: every permutation of a 4-d tensor, and other ranks", async () => {
    const perms = [
      [0, 1, 2, 3],
      [0, 2, 1, 3],
      [0, 2, 3, 1],
      [3, 2, 1, 0],
      [1, 0, 3, 2],
      [2, 0, 3, 1],
    ];
    for (const perm of perms)
      await parity(`transpose ${perm}`, () => tf.transpose(input([2, 3, 4, 5], 23), perm));
    await parity("transpose 2-d", () => tf.transpose(input([7, 3], 24)));
    await parity("transpose int32", () =>
      tf.transpose(tf.tensor([1, 2, 3, 4, 5, 6], [2, 3], "int32")),
    );
    await parity("transpose 6-d", () =>
      tf.transpose(input([2, 1, 3, 2, 2, 3], 25), [5, 3, 1, 0, 4, 2]),
    );
  });

  test("exp over the float32 range (overflow to Infinity, underflow to ~0)", async () => {
    await parity("exp", () => tf.exp(tf.mul(input([500], 28), 20)), 1e-6);
    await parity("exp extremes", () => tf.exp(tf.tensor([-200, -80, 0, 80, 88.5, 89, 200])), 1e-6);
    await parity("exp int32 (fallback)", () => tf.exp(tf.tensor([1, 2], [2], "int32")), 1e-6);
  });

  test("softmax over the last axis, with a causal-mask-like -1e9", async () => {
    await parity("softmax", () => tf.softmax(tf.mul(input([6, 4, 9], 26), 5)), 2e-6);
    await parity(
      "softmax masked",
      () => tf.softmax(tf.add(input([3, 4], 27), tf.tensor([0, -1e9, 0, -1e9], [4]))),
      2e-6,
    );
  });

  test("fused GELU and its gradient match the composite ops on cpu", async () => {
    const x = () => tf.mul(input([64, 48], 15), 4);
    await parity("gelu", () => gelu(x()), 2e-6);
    const w = () => input([64, 48], 16);
    await parity(
      "gelu grad",
      () => tf.grad((v: tf.Tensor) => tf.sum(tf.mul(gelu(v), w())))(x()),
      2e-5,
    );
  });

  test("fused LayerNorm and its gradients match autodiff of the reference on cpu", async () => {
    const f = () => {
      const x = tf.add(tf.mul(input([40, 24], 19), 3), 1) as tf.Tensor2D;
      const w = tf.add(input([24], 20), 1);
      const b = input([24], 21);
      const dy = input([40, 24], 22);
      const ln = (a: tf.Tensor, g: tf.Tensor, c: tf.Tensor) =>
        hasFusedLayerNorm(a, g, c)
          ? fusedLayerNorm(a, g, c, 1e-5)
          : layerNormReference(a as tf.Tensor2D, g, c);
      const grads = tf.grads((a: tf.Tensor, g: tf.Tensor, c: tf.Tensor) =>
        tf.sum(tf.mul(ln(a, g, c), dy)),
      )([x, w, b]);
      return [ln(x, w, b), ...grads];
    };
    await tf.setBackend("wasm");
    assert.ok(
      hasFusedLayerNorm(tf.zeros([2, 3]), tf.ones([3]), tf.zeros([3])),
      "fused path active on wasm",
    );
    await parity("layer norm", f, 2e-5);
  });

  test("a training-style graph (gelu, layer norm, split, gather) gives cpu's gradients", async () => {
    const f = () => {
      const w = input([16, 8], 12);
      const loss = (x: tf.Tensor) => {
        const e = tf.gather(x, tf.tensor([1, 5, 5, 0], [4], "int32"));
        const [a, b] = tf.split(e, 2, 1) as [tf.Tensor, tf.Tensor];
        const centred = tf.sub(b, tf.mean(b, -1, true));
        return tf.sum(tf.mul(gelu(a), tf.tanh(centred)));
      };
      return tf.grad(loss)(w);
    };
    await parity("grad", f, 1e-4);
  });
});
