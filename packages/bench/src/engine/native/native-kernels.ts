// Backs the wasm backend's BatchMatMul and _FusedMatMul with OpenBLAS sgemm. The kernel reads both operands and
// writes the output directly in the wasm heap (no copies); shapes or dtypes it does not handle go
// to the kernel that was registered before it (the stock wasm one, or the engine's own).
import {
  BatchMatMul,
  broadcast_util,
  _FusedMatMul as FusedMatMul,
  getKernel,
  registerKernel,
  unregisterKernel,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from "@tensorflow/tfjs-core";
import { GELU_GRAD_KERNEL, GELU_KERNEL } from "./gelu";
import { LAYER_NORM_GRAD_KERNEL, LAYER_NORM_KERNEL } from "./layer-norm";
import type { NativeAddon } from "./native-addon";
import { nativeBinary } from "./native-binary";
import {
  nativeConcat,
  nativeExp,
  nativeGatherV2,
  nativeGelu,
  nativeGeluGrad,
  nativeLayerNorm,
  nativeLayerNormGrad,
  nativePow,
  nativeSoftmax,
  nativeSplitV,
  nativeSum,
  nativeTanh,
  nativeTranspose,
  sharedCast,
  sharedIdentity,
} from "./native-ops";

/** The memory-bound kernels (native-ops.ts) registered next to the matmuls. */
const extraKernels = [
  ["Pow", nativePow],
  ["Tanh", nativeTanh],
  ["Sum", nativeSum],
  ["SplitV", nativeSplitV],
  ["Concat", nativeConcat],
  ["GatherV2", nativeGatherV2],
  ["Identity", sharedIdentity],
  ["Cast", sharedCast],
  ["Add", nativeBinary(0)],
  ["Sub", nativeBinary(1)],
  ["Multiply", nativeBinary(2)],
  ["RealDiv", nativeBinary(3)],
  ["Transpose", nativeTranspose],
  ["Softmax", nativeSoftmax],
  ["Exp", nativeExp],
] as const;

/** The parts of @tensorflow/tfjs-backend-wasm's BackendWasm that the kernels touch. */
export interface WasmHeapBackend {
  wasm: { HEAPF32: Float32Array };
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: "float32"): TensorInfo;
}

/** Kernels replaced so far, with the configs they replaced. */
const registered = new Map<string, KernelConfig>();
/** Kernels with no stock counterpart (the fused GELU and LayerNorm pairs). */
const added = new Set<string>();

/** Element offset of a tensor in the wasm heap. */
function offsetOf(backend: WasmHeapBackend, t: TensorInfo): number {
  const data = backend.dataIdMap.get(t.dataId);
  if (!data) throw new Error("native kernel: tensor is not on the wasm backend");
  return data.memoryOffset / 4;
}

const size = (dims: number[]) => dims.reduce((a, b) => a * b, 1);

interface MatMulArgs {
  a: TensorInfo;
  b: TensorInfo;
  transposeA: boolean;
  transposeB: boolean;
  bias?: TensorInfo | undefined;
  relu?: boolean;
}

/**
 * Runs one (batched, possibly fused) matmul natively, or returns undefined when the case is not
 * one it handles (non-float32, broadcasting other than "one side has batch 1").
 */
function nativeMatMul(
  addon: NativeAddon,
  backend: WasmHeapBackend,
  { a, b, transposeA, transposeB, bias, relu }: MatMulArgs,
): TensorInfo | undefined {
  const ra = a.shape.length;
  const rb = b.shape.length;
  if (a.dtype !== "float32" || b.dtype !== "float32" || ra < 2 || rb < 2) return undefined;
  const outer = broadcast_util.assertAndGetBroadcastShape(
    a.shape.slice(0, -2),
    b.shape.slice(0, -2),
  );
  const batch = size(outer);
  const batchA = size(a.shape.slice(0, -2));
  const batchB = size(b.shape.slice(0, -2));
  if ((batchA !== batch && batchA !== 1) || (batchB !== batch && batchB !== 1)) return undefined;
  const m = transposeA ? a.shape[ra - 1]! : a.shape[ra - 2]!;
  const k = transposeA ? a.shape[ra - 2]! : a.shape[ra - 1]!;
  const kb = transposeB ? b.shape[rb - 1]! : b.shape[rb - 2]!;
  const n = transposeB ? b.shape[rb - 2]! : b.shape[rb - 1]!;
  if (bias && (bias.dtype !== "float32" || size(bias.shape) !== n)) return undefined;
  if (k !== kb) {
    throw new Error(
      `matMul: inner shapes ${k} and ${kb} of [${a.shape}] and [${b.shape}] do not match`,
    );
  }
  const out = backend.makeOutput([...outer, m, n], "float32");
  // Read HEAPF32 after allocating: a growing heap replaces the view.
  addon.gemm(
    backend.wasm.HEAPF32,
    transposeA ? 1 : 0,
    transposeB ? 1 : 0,
    batch,
    m,
    n,
    k,
    offsetOf(backend, a),
    batchA === 1 ? 0 : m * k,
    offsetOf(backend, b),
    batchB === 1 ? 0 : k * n,
    offsetOf(backend, out),
    m * n,
    bias ? offsetOf(backend, bias) : -1,
    relu ? 1 : 0,
  );
  return out;
}

/** A BatchMatMul kernel on `addon`, or the fallback for cases it leaves alone. */
export function nativeBatchMatMul(addon: NativeAddon, fallback: KernelFunc): KernelFunc {
  return (args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
    const backend = args.backend as unknown as WasmHeapBackend;
    return nativeMatMul(addon, backend, { a, b, transposeA, transposeB }) ?? fallback(args);
  };
}

/** _FusedMatMul (matmul + bias + linear/ReLU activation) on `addon`, else the fallback. */
export function nativeFusedMatMul(addon: NativeAddon, fallback: KernelFunc): KernelFunc {
  return (args) => {
    const inputs = args.inputs as Record<string, TensorInfo | undefined>;
    const attrs = args.attrs as { transposeA: boolean; transposeB: boolean; activation?: string };
    const activation = attrs.activation ?? "linear";
    const { a, b, bias, preluActivationWeights } = inputs;
    if (!a || !b || preluActivationWeights || (activation !== "linear" && activation !== "relu")) {
      return fallback(args);
    }
    const backend = args.backend as unknown as WasmHeapBackend;
    const out = nativeMatMul(addon, backend, {
      a,
      b,
      bias,
      transposeA: attrs.transposeA,
      transposeB: attrs.transposeB,
      relu: activation === "relu",
    });
    return out ?? fallback(args);
  };
}

/** Replaces a wasm kernel, keeping the previous one as fallback and running its setup. */
function override(kernelName: string, make: (fallback: KernelFunc) => KernelFunc): KernelConfig {
  const previous = getKernel(kernelName, "wasm");
  if (!previous) throw new Error(`no wasm kernel ${kernelName} to back natively`);
  unregisterKernel(kernelName, "wasm");
  const config: KernelConfig = {
    kernelName,
    backendName: "wasm",
    kernelFunc: make(previous.kernelFunc),
  };
  if (previous.setupFunc) config.setupFunc = previous.setupFunc;
  if (previous.disposeFunc) config.disposeFunc = previous.disposeFunc;
  registerKernel(config);
  return previous;
}

/**
 * Registers the native kernels on the wasm backend (idempotent). Call after the wasm kernels
 * (and any engine overrides) are registered; tfjs runs setup functions when the backend starts.
 */
export function registerNativeKernels(addon: NativeAddon): string[] {
  const kernels: [string, (fallback: KernelFunc) => KernelFunc][] = [
    [BatchMatMul, (fallback) => nativeBatchMatMul(addon, fallback)],
    [FusedMatMul, (fallback) => nativeFusedMatMul(addon, fallback)],
    ...extraKernels.map(([name, make]): [string, (fallback: KernelFunc) => KernelFunc] => [
      name,
      (fallback) => make(addon, fallback),
    ]),
  ];
  for (const [name, make] of kernels) {
    if (registered.has(name)) continue;
    registered.set(name, override(name, make));
  }
  for (const [name, make] of [
    [GELU_KERNEL, nativeGelu],
    [GELU_GRAD_KERNEL, nativeGeluGrad],
    [LAYER_NORM_KERNEL, nativeLayerNorm],
    [LAYER_NORM_GRAD_KERNEL, nativeLayerNormGrad],
  ] as const) {
    if (getKernel(name, "wasm")) continue;
    registerKernel({ kernelName: name, backendName: "wasm", kernelFunc: make(addon) });
    added.add(name);
  }
  return [...registered.keys(), ...added];
}

/** Puts back the kernels registerNativeKernels replaced. */
export function unregisterNativeKernels(): void {
  for (const [name, previous] of registered) {
    unregisterKernel(name, "wasm");
    registerKernel(previous);
  }
  registered.clear();
  for (const name of added) unregisterKernel(name, "wasm");
  added.clear();
}
