// Loads the optional OpenBLAS addon (packages/bench/native, built by `npm run build:native`) and
// checks that it computes correctly before anyone relies on it. Every failure is a reason string,
// never an exception: the engine then stays on plain wasm kernels.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/** The functions the compiled addon exports (see native/lockpick_blas.cc). */
export interface NativeAddon {
  /**
   * Strided batched C = act(op(A)·op(B) + bias) on one Float32Array heap; offsets and strides in
   * elements; biasOff −1 means no bias, relu 1 applies ReLU.
   */
  gemm(
    heap: Float32Array,
    transA: number,
    transB: number,
    batch: number,
    m: number,
    n: number,
    k: number,
    aOff: number,
    aStride: number,
    bOff: number,
    bStride: number,
    cOff: number,
    cStride: number,
    biasOff?: number,
    relu?: number,
  ): void;
  /** out = x ** heap[expOff] (n elements). */
  powScalar(heap: Float32Array, xOff: number, outOff: number, n: number, expOff: number): void;
  tanh(heap: Float32Array, xOff: number, outOff: number, n: number): void;
  exp(heap: Float32Array, xOff: number, outOff: number, n: number): void;
  /** GELU (tanh approximation) and dy · GELU'(x). */
  gelu(heap: Float32Array, xOff: number, outOff: number, n: number): void;
  geluGrad(heap: Float32Array, dyOff: number, xOff: number, outOff: number, n: number): void;
  /** out = a op b over an [outer, inner] view; modes 0 full, 1 scalar, 2 row, 3 column. */
  binary(
    heap: Float32Array,
    op: number,
    aOff: number,
    aMode: number,
    bOff: number,
    bMode: number,
    outOff: number,
    outer: number,
    inner: number,
  ): void;
  /** LayerNorm rows of x [rows, d]: y, x̂ and rstd outputs. */
  layerNorm(
    heap: Float32Array,
    xOff: number,
    gOff: number,
    bOff: number,
    yOff: number,
    xhatOff: number,
    rstdOff: number,
    rows: number,
    d: number,
    eps: number,
  ): void;
  /** LayerNorm backward: dx, dg = Σ dy·x̂, db = Σ dy. */
  layerNormGrad(
    heap: Float32Array,
    dyOff: number,
    xhatOff: number,
    rstdOff: number,
    gOff: number,
    dxOff: number,
    dgOff: number,
    dbOff: number,
    rows: number,
    d: number,
  ): void;
  /** out = x permuted: output dims d0..d5, source stride s0..s5 per output axis. */
  transpose(
    heap: Float32Array,
    xOff: number,
    outOff: number,
    rank: number,
    ...dimsThenStrides: [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ]
  ): void;
  /** Softmax over the last axis of x [rows, n]. */
  softmax(heap: Float32Array, xOff: number, outOff: number, rows: number, n: number): void;
  /** out[o, i] = Σ_r x[o, r, i] for x viewed as [outer, mid, inner]. */
  sumMiddle(
    heap: Float32Array,
    xOff: number,
    outOff: number,
    outer: number,
    mid: number,
    inner: number,
  ): void;
  /** `blocks` copies of n elements, source and destination advancing by their strides. */
  copyBlocks(
    heap: Float32Array,
    src: number,
    srcStride: number,
    dst: number,
    dstStride: number,
    blocks: number,
    n: number,
  ): void;
  /** out[i] = x[idx[i]] (rows of rowLen); returns the first out-of-range index, or −1. */
  gatherRows(
    heap: Float32Array,
    xOff: number,
    rows: number,
    rowLen: number,
    idxOff: number,
    count: number,
    outOff: number,
  ): number;
  setThreads(n: number): void;
  info(): { threads: number; blas: string };
}

export type NativeStatus =
  { ok: true; addon: NativeAddon; path: string; blas: string } | { ok: false; reason: string };

/** Where `npm run build:native` writes the addon. */
export const addonPath = fileURLToPath(
  new URL("../../../native/build/lockpick_blas.node", import.meta.url),
);

let cached: NativeStatus | undefined;

/** Loads and self-checks the addon once per thread; later calls return the same status. */
export function loadNativeAddon(): NativeStatus {
  cached ??= load();
  return cached;
}

function load(): NativeStatus {
  if (!existsSync(addonPath)) {
    return { ok: false, reason: `not built (${addonPath} missing; run npm run build:native)` };
  }
  let addon: NativeAddon;
  try {
    addon = createRequire(import.meta.url)(addonPath) as NativeAddon;
  } catch (error) {
    return { ok: false, reason: `failed to load: ${(error as Error).message}` };
  }
  try {
    // One BLAS thread per JS thread: the data-parallel trainer already puts one replica per core.
    addon.setThreads(1);
    const problem = selfCheck(addon);
    if (problem) return { ok: false, reason: `self-check failed: ${problem}` };
    return { ok: true, addon, path: addonPath, blas: addon.info().blas.trim() };
  } catch (error) {
    return { ok: false, reason: `self-check threw: ${(error as Error).message}` };
  }
}

/**
 * Compares strided, transposed, broadcast batched products (one small enough for the addon's own
 * loop, one large enough for OpenBLAS) against a plain JS loop.
 */
export function selfCheck(addon: NativeAddon): string | undefined {
  return checkProduct(addon, 3, 5, 7, 4) ?? checkProduct(addon, 2, 70, 3, 5);
}

function checkProduct(
  addon: NativeAddon,
  batch: number,
  m: number,
  n: number,
  k: number,
): string | undefined {
  const aOff = 3;
  const bOff = aOff + batch * m * k;
  const cOff = bOff + n * k; // B is broadcast (stride 0), stored transposed as [n,k]
  const heap = new Float32Array(cOff + batch * m * n + 2);
  for (let i = 0; i < cOff; i++) heap[i] = Math.sin(i * 1.7) * 2;
  heap.fill(123, cOff);
  addon.gemm(heap, 1, 1, batch, m, n, k, aOff, m * k, bOff, 0, cOff, m * n);
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let p = 0; p < k; p++) {
          sum += heap[aOff + b * m * k + p * m + i]! * heap[bOff + j * k + p]!;
        }
        const got = heap[cOff + b * m * n + i * n + j]!;
        if (Math.abs(got - sum) > 1e-4 * (1 + Math.abs(sum))) {
          return `C[${b},${i},${j}] = ${got}, expected ${sum}`;
        }
      }
    }
  }
  if (heap[cOff + batch * m * n] !== 123) return "wrote past the output";
  try {
    addon.gemm(heap, 0, 0, 1, 1000, 1000, 1000, 0, 0, 0, 0, 0, 0);
    return "accepted an out-of-bounds operand";
  } catch {
    return undefined;
  }
}
