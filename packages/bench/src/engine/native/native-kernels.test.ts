// Parity of the OpenBLAS-backed wasm kernels with the pure-JS `cpu` backend.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
import { loadNativeAddon, selfCheck } from "./native-addon";
import { registerNativeKernels } from "./native-kernels";

const status = loadNativeAddon();
const skip = status.ok ? false : `native addon unavailable: ${status.reason}`;
if (skip) console.log(`# SKIP native kernel parity: ${skip}`);

/** Deterministic pseudo-random data so both backends see identical inputs. */
function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

async function onBackend<T>(name: string, f: () => T): Promise<T> {
  await tf.setBackend(name);
  tf.engine().startScope();
  try {
    return f();
  } finally {
    tf.engine().endScope();
  }
}

function close(actual: Float32Array, expected: Float32Array, label: string): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < actual.length; i++) {
    const tol = 1e-4 * (1 + Math.abs(expected[i]!));
    if (!(Math.abs(actual[i]! - expected[i]!) <= tol)) {
      assert.fail(`${label}: element ${i} is ${actual[i]}, cpu gives ${expected[i]}`);
    }
  }
}

const cases: [string, number[], number[], boolean, boolean][] = [
  ["2d", [37, 19], [19, 23], false, false],
  ["2d transposeA", [19, 37], [19, 23], true, false],
  ["2d transposeB", [37, 19], [23, 19], false, true],
  ["2d both transposed", [19, 37], [23, 19], true, true],
  ["batched attention scores", [8, 24, 32], [8, 24, 32], false, true],
  ["batched attention gradient", [8, 24, 24], [8, 24, 32], true, false],
  ["rank 4", [2, 3, 5, 7], [2, 3, 7, 4], false, false],
  ["broadcast rank-2 weight", [4, 6, 16], [16, 8], false, false],
  ["broadcast batch-1 left", [1, 6, 16], [3, 16, 8], false, false],
  ["large (OpenBLAS path)", [130, 70], [70, 90], false, false],
  ["large transposeA", [70, 130], [70, 90], true, false],
  ["large transposeB", [130, 70], [90, 70], false, true],
  ["batched, one side large", [3, 80, 16], [3, 16, 20], false, false],
  ["empty inner dimension", [3, 0], [0, 4], false, false],
];

describe("native OpenBLAS kernels on wasm", { skip }, () => {
  before(async () => {
    if (!status.ok) return;
    await tf.setBackend("wasm");
    registerNativeKernels(status.addon);
  });

  test("addon self-check passes", () => {
    assert.ok(status.ok);
    assert.equal(selfCheck(status.addon), undefined);
  });

  for (const [label, sa, sb, ta, tb] of cases) {
    test(`matMul ${label} matches cpu`, async () => {
      const run = () => {
        const a = tf.tensor(values(tf.util.sizeFromShape(sa), 1), sa);
        const b = tf.tensor(values(tf.util.sizeFromShape(sb), 2), sb);
        const out = tf.matMul(a, b, ta, tb);
        return { shape: out.shape, data: out.dataSync() as Float32Array };
      };
      const cpu = await onBackend("cpu", run);
      const wasm = await onBackend("wasm", run);
      assert.deepEqual(wasm.shape, cpu.shape);
      close(wasm.data, cpu.data, label);
    });
  }

  const fused: [string, boolean, boolean, "linear" | "relu" | "elu"][] = [
    ["bias", false, false, "linear"],
    ["bias + relu, transposeB", false, true, "relu"],
    ["bias + relu, transposeA", true, false, "relu"],
    ["elu (falls back)", false, false, "elu"],
  ];
  for (const [label, ta, tb, activation] of fused) {
    test(`fused matMul ${label} matches cpu`, async () => {
      const run = () => {
        const a = tf.tensor(values(33 * 20, 5), ta ? [20, 33] : [33, 20]);
        const b = tf.tensor(values(20 * 17, 6), tb ? [17, 20] : [20, 17]);
        const bias = tf.tensor(values(17, 7), [17]);
        const out = tf.fused.matMul({ a, b, bias, activation, transposeA: ta, transposeB: tb });
        return out.dataSync() as Float32Array;
      };
      close(await onBackend("wasm", run), await onBackend("cpu", run), label);
    });
  }

  test("int32 operands fall back to the previous kernel", async () => {
    await tf.setBackend("wasm");
    const a = tf.tensor([1, 2, 3, 4], [2, 2], "int32");
    assert.throws(() => tf.matMul(a, a), /non-float32|float32/);
    a.dispose();
  });
});
