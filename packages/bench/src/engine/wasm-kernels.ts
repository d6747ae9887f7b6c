// Kernels the tfjs wasm backend lacks or runs slowly, registered once at start-up.
//
// - UnsortedSegmentSum: missing in wasm; it is the gradient of gather (token embeddings), so
//   training would fail without it. A plain JS loop over the wasm heap is fast enough: its cost
//   is one pass over the embedding gradient.
// - BatchMatMul / _FusedMatMul with transposed operands: XNNPACK's path for transposeA/B is an
//   order of magnitude slower than transposing first (a cheap native copy) and then running the
//   plain product. Backprop through every matmul produces such transposed products.
import * as tf from "@tensorflow/tfjs-core";
import type {
  KernelConfig,
  KernelFunc,
  NamedTensorInfoMap,
  TensorInfo,
} from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";

let registered = false;

/** Installs the engine's wasm kernels (idempotent). Call after the wasm backend is registered. */
export function registerWasmKernels(): void {
  if (registered) return;
  registered = true;
  replaceKernel({ kernelName: "UnsortedSegmentSum", backendName: "wasm", kernelFunc: segmentSum });
  for (const name of ["BatchMatMul", "_FusedMatMul"]) {
    const original = tf.getKernel(name, "wasm");
    if (!original) continue;
    replaceKernel({ ...original, kernelFunc: transposeFirst(original.kernelFunc) });
  }
}

function replaceKernel(config: KernelConfig): void {
  if (tf.getKernel(config.kernelName, config.backendName)) {
    tf.unregisterKernel(config.kernelName, config.backendName);
  }
  tf.registerKernel(config);
}

const segmentSum: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as BackendWasm;
  const { x, segmentIds } = inputs as { x: TensorInfo; segmentIds: TensorInfo };
  const numSegments = (attrs as { numSegments: number }).numSegments;
  if (x.dtype !== "float32")
    throw new Error(`UnsortedSegmentSum(wasm): float32 only, got ${x.dtype}`);
  const innerShape = x.shape.slice(segmentIds.shape.length);
  const inner = innerShape.reduce((a, b) => a * b, 1);
  const out = wasm.makeOutput([numSegments, ...innerShape], "float32");
  // Views are taken after allocation: makeOutput may grow (and detach) the wasm heap.
  const o = wasm.typedArrayFromHeap(out) as Float32Array;
  const xs = wasm.typedArrayFromHeap(x) as Float32Array;
  const ids = wasm.typedArrayFromHeap(segmentIds) as Int32Array;
  o.fill(0);
  for (let i = 0; i < ids.length; i++) {
    const seg = ids[i]!;
    if (seg < 0 || seg >= numSegments) continue;
    const src = i * inner;
    const dst = seg * inner;
    for (let j = 0; j < inner; j++) o[dst + j]! += xs[src + j]!;
  }
  return out;
};

/** Wraps a matmul kernel so transposed operands are materialised first. */
function transposeFirst(kernel: KernelFunc): KernelFunc {
  return (args) => {
    const attrs = args.attrs as { transposeA?: boolean; transposeB?: boolean };
    if (!attrs.transposeA && !attrs.transposeB) return kernel(args);
    const transpose = tf.getKernel("Transpose", "wasm")!.kernelFunc;
    const inputs = { ...(args.inputs as NamedTensorInfoMap) };
    const temps: TensorInfo[] = [];
    const swapLast = (t: TensorInfo): TensorInfo => {
      const perm = t.shape.map((_, i) => i);
      const r = perm.length;
      [perm[r - 2], perm[r - 1]] = [perm[r - 1]!, perm[r - 2]!];
      const out = transpose({
        inputs: { x: t },
        backend: args.backend,
        attrs: { perm },
      }) as TensorInfo;
      temps.push(out);
      return out;
    };
    if (attrs.transposeA) inputs.a = swapLast(inputs.a!);
    if (attrs.transposeB) inputs.b = swapLast(inputs.b!);
    try {
      return kernel({
        ...args,
        inputs,
        attrs: { ...args.attrs, transposeA: false, transposeB: false },
      });
    } finally {
      for (const t of temps) (args.backend as BackendWasm).disposeData(t.dataId);
    }
  };
}
