// Matmul micro-benchmark on the reference step's shapes: stock tfjs-wasm kernels (XNNPACK, plus
// the engine's transpose-first wrapper) against the OpenBLAS-backed ones, GFLOP/s per call.
// Run: npx tsx bench/matmul.bench.ts   (from packages/bench)
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../src/engine";
import {
  disableNativeKernels,
  enableNativeKernels,
} from "../src/engine/native/enable-native-kernels";
import { timeRounds } from "./measure";

type Case = [label: string, a: number[], b: number[], ta: boolean, tb: boolean];
const N = 64 * 24;
const cases: Case[] = [
  ["MLP up      x·W      [1536,128]·[128,512]", [N, 128], [128, 512], false, false],
  ["MLP down    x·W      [1536,512]·[512,128]", [N, 512], [512, 128], false, false],
  ["input grad  dy·Wᵀ    [1536,512]·[128,512]ᵀ", [N, 512], [128, 512], false, true],
  ["weight grad xᵀ·dy    [1536,128]ᵀ·[1536,512]", [N, 128], [N, 512], true, false],
  ["scores      q·kᵀ     [256,24,32]·[256,32,24]", [256, 24, 32], [256, 32, 24], false, false],
  ["attn grad   dY·vᵀ    [256,24,32]·[256,24,32]ᵀ", [256, 24, 32], [256, 24, 32], false, true],
];

async function run(tag: string): Promise<void> {
  for (const [label, sa, sb, ta, tb] of cases) {
    const a = tf.randomNormal(sa);
    const b = tf.randomNormal(sb);
    const m = ta ? sa.at(-1)! : sa.at(-2)!;
    const k = ta ? sa.at(-2)! : sa.at(-1)!;
    const n = tb ? sb.at(-2)! : sb.at(-1)!;
    const batch = sa.length === 3 ? sa[0]! : 1;
    const t = await timeRounds(() => tf.matMul(a, b, ta, tb).dispose(), {
      warmup: 2,
      steps: 10,
      rounds: 3,
    });
    const gflops = (2 * batch * m * n * k) / (t.median / 1000) / 1e9;
    console.log(
      `${tag.padEnd(14)} ${label}  ${t.median.toFixed(2).padStart(8)} ms  ${gflops.toFixed(1).padStart(6)} GFLOP/s`,
    );
    a.dispose();
    b.dispose();
  }
}

await initBackend("wasm");
disableNativeKernels();
await run("wasm (stock)");
console.log(`native: ${enableNativeKernels().summary}`);
await run("wasm+openblas");
