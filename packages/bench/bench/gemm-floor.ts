// The plain-C/OpenBLAS reference: only the matmuls of one reference training step (forward,
// input gradients and weight gradients, same shapes and transposes as the engine's), called
// straight through the addon on one thread. No framework does a step faster than this on one
// core with this BLAS; PyTorch's 62 ms/step is this plus its own elementwise work.
import { loadNativeAddon, type NativeAddon } from "../src/engine/native/native-addon";
import { timeRounds } from "./measure";

type Gemm = [batch: number, m: number, n: number, k: number, ta: boolean, tb: boolean];

/** Every product of a forward + backward step of the reference shape. */
function stepGemms(): Gemm[] {
  const n = 64 * 24;
  const d = 128;
  const bh = 64 * 4;
  const linears: [number, number][] = [
    [d, 3 * d],
    [d, d],
    [d, 4 * d],
    [4 * d, d],
  ];
  const out: Gemm[] = [];
  for (let layer = 0; layer < 2; layer++) {
    for (const [i, o] of linears) {
      out.push([1, n, o, i, false, false]); // y = x·W
      out.push([1, n, i, o, false, true]); // dx = dy·Wᵀ
      out.push([1, i, o, n, true, false]); // dW = xᵀ·dy
    }
    out.push([bh, 24, 24, 32, false, false]); // scores = q·kᵀ (kᵀ stored)
    out.push([bh, 24, 32, 24, false, false]); // y = p·v
    out.push([bh, 24, 32, 24, false, false], [bh, 32, 24, 24, true, false]); // d(q·kᵀ)
    out.push([bh, 24, 24, 32, false, true], [bh, 24, 32, 24, true, false]); // d(p·v)
  }
  out.push([1, n, 64, d, false, false], [1, n, d, 64, false, true], [1, d, 64, n, true, false]);
  return out;
}

export async function gemmFloor(
  rounds: number,
): Promise<{ ms: number; gflop: number } | undefined> {
  const status = loadNativeAddon();
  if (!status.ok) return undefined;
  const addon: NativeAddon = status.addon;
  const gemms = stepGemms();
  const need = (g: Gemm) => g[0] * (g[1] * g[3] + g[3] * g[2] + g[1] * g[2]);
  const heap = new Float32Array(Math.max(...gemms.map(need)));
  for (let i = 0; i < heap.length; i++) heap[i] = ((i * 7919) % 1000) / 1000 - 0.5;
  const gflop = gemms.reduce((s, [b, m, n, k]) => s + 2 * b * m * n * k, 0) / 1e9;
  const step = () => {
    for (const [b, m, n, k, ta, tb] of gemms) {
      const a = 0;
      const bOff = b * m * k;
      const c = bOff + b * k * n;
      addon.gemm(heap, ta ? 1 : 0, tb ? 1 : 0, b, m, n, k, a, m * k, bOff, k * n, c, m * n);
    }
  };
  const t = await timeRounds(step, { warmup: 3, steps: 10, rounds });
  return { ms: t.median, gflop };
}
