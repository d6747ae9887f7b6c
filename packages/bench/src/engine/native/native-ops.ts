// Memory-bound wasm kernels that the training profile showed to be slow on the stock wasm backend
// (docs/performance.md), done by the addon in place on the wasm heap. Each handles the common
// float32 case of the step and hands everything else to the kernel registered before it.
import { backend_util, util, type KernelFunc, type TensorInfo } from "@tensorflow/tfjs-core";
import type { NativeAddon } from "./native-addon";
import type { WasmHeapBackend } from "./native-kernels";

export interface HeapBackend extends WasmHeapBackend {
  makeOutput(shape: number[], dtype: "float32" | "int32"): TensorInfo;
  incRef(dataId: object): void;
}

type Make = (addon: NativeAddon, fallback: KernelFunc) => KernelFunc;

const size = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);
const wordSized = (t: TensorInfo) => t.dtype === "float32" || t.dtype === "int32";

function offset(backend: HeapBackend, t: TensorInfo): number {
  const data = backend.dataIdMap.get(t.dataId);
  if (!data) throw new Error("native kernel: tensor is not on the wasm backend");
  return data.memoryOffset / 4;
}

/** x ** c for a scalar exponent c (GELU's cube and its gradient's square). */
export const nativePow: Make = (addon, fallback) => (args) => {
  const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
  if (
    a.dtype !== "float32" ||
    b.dtype !== "float32" ||
    size(b.shape) !== 1 ||
    b.shape.length > a.shape.length
  ) {
    return fallback(args);
  }
  const backend = args.backend as unknown as HeapBackend;
  const out = backend.makeOutput([...a.shape], "float32");
  addon.powScalar(
    backend.wasm.HEAPF32,
    offset(backend, a),
    offset(backend, out),
    size(a.shape),
    offset(backend, b),
  );
  return out;
};

/** A float32 unary kernel from an addon loop; other dtypes go to the fallback. */
const unary =
  (pick: (addon: NativeAddon) => NativeAddon["tanh"]): Make =>
  (addon, fallback) =>
  (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    if (x.dtype !== "float32") return fallback(args);
    const backend = args.backend as unknown as HeapBackend;
    const out = backend.makeOutput([...x.shape], "float32");
    pick(addon).call(
      addon,
      backend.wasm.HEAPF32,
      offset(backend, x),
      offset(backend, out),
      size(x.shape),
    );
    return out;
  };

export const nativeTanh = unary((addon) => addon.tanh);
export const nativeExp = unary((addon) => addon.exp);

/** Sum over one contiguous run of axes, without wasm's transpose-to-innermost copy. */
export const nativeSum: Make = (addon, fallback) => (args) => {
  const { x } = args.inputs as { x: TensorInfo };
  const { axis, keepDims } = args.attrs as { axis: number | number[]; keepDims: boolean };
  const axes = util.parseAxisParam(axis, x.shape).sort((p, q) => p - q);
  const contiguous = axes.every((v, i) => i === 0 || v === axes[i - 1]! + 1);
  if (x.dtype !== "float32" || axes.length === 0 || !contiguous) return fallback(args);
  const first = axes[0]!;
  const last = axes.at(-1)!;
  const outer = size(x.shape.slice(0, first));
  const mid = size(x.shape.slice(first, last + 1));
  const inner = size(x.shape.slice(last + 1));
  const shape = keepDims
    ? x.shape.map((d, i) => (i >= first && i <= last ? 1 : d))
    : x.shape.filter((_, i) => i < first || i > last);
  const backend = args.backend as unknown as HeapBackend;
  const out = backend.makeOutput(shape, "float32");
  addon.sumMiddle(
    backend.wasm.HEAPF32,
    offset(backend, x),
    offset(backend, out),
    outer,
    mid,
    inner,
  );
  return out;
};

/** Split along an axis: one strided block copy per output. */
export const nativeSplitV: Make = (addon, fallback) => (args) => {
  const { x } = args.inputs as { x: TensorInfo };
  const { numOrSizeSplits, axis } = args.attrs as {
    numOrSizeSplits: number | number[];
    axis: number;
  };
  if (!wordSized(x)) return fallback(args);
  const ax = util.parseAxisParam(axis, x.shape)[0]!;
  const sizes = backend_util.prepareSplitSize(x as never, numOrSizeSplits, ax);
  const outer = size(x.shape.slice(0, ax));
  const inner = size(x.shape.slice(ax + 1));
  const rowLen = x.shape[ax]! * inner;
  const backend = args.backend as unknown as HeapBackend;
  let begin = 0;
  return sizes.map((s) => {
    const shape = [...x.shape];
    shape[ax] = s;
    const out = backend.makeOutput(shape, x.dtype as "float32");
    const src = offset(backend, x) + begin * inner;
    addon.copyBlocks(
      backend.wasm.HEAPF32,
      src,
      rowLen,
      offset(backend, out),
      s * inner,
      outer,
      s * inner,
    );
    begin += s;
    return out;
  });
};

/** Concat along an axis: each input is a strided block copy into the output. */
export const nativeConcat: Make = (addon, fallback) => (args) => {
  const inputs = (args.inputs as unknown as TensorInfo[]).filter((t) => size(t.shape) > 0);
  const first = inputs[0];
  const { axis } = args.attrs as { axis: number };
  if (
    !first ||
    !inputs.every(
      (t) => t.dtype === first.dtype && wordSized(t) && t.shape.length === first.shape.length,
    )
  ) {
    return fallback(args);
  }
  const ax = util.parseAxisParam(axis, first.shape)[0]!;
  const shape = backend_util.computeOutShape(
    inputs.map((t) => t.shape),
    ax,
  );
  const outer = size(shape.slice(0, ax));
  const inner = size(shape.slice(ax + 1));
  const backend = args.backend as unknown as HeapBackend;
  const out = backend.makeOutput(shape, first.dtype as "float32");
  let begin = 0;
  for (const t of inputs) {
    const len = t.shape[ax]! * inner;
    const dst = offset(backend, out) + begin * inner;
    addon.copyBlocks(
      backend.wasm.HEAPF32,
      offset(backend, t),
      len,
      dst,
      shape[ax]! * inner,
      outer,
      len,
    );
    begin += t.shape[ax]!;
  }
  return out;
};

/** Row gather (embedding lookup): axis 0, no batch dims, int32 indices. */
export const nativeGatherV2: Make = (addon, fallback) => (args) => {
  const { x, indices } = args.inputs as { x: TensorInfo; indices: TensorInfo };
  const { axis, batchDims } = args.attrs as { axis: number; batchDims: number };
  const ax = util.parseAxisParam(axis, x.shape)[0];
  if (
    ax !== 0 ||
    (batchDims ?? 0) !== 0 ||
    !wordSized(x) ||
    indices.dtype !== "int32" ||
    x.shape.length < 1
  ) {
    return fallback(args);
  }
  const rowLen = size(x.shape.slice(1));
  const backend = args.backend as unknown as HeapBackend;
  const out = backend.makeOutput([...indices.shape, ...x.shape.slice(1)], x.dtype as "float32");
  const bad = addon.gatherRows(
    backend.wasm.HEAPF32,
    offset(backend, x),
    x.shape[0]!,
    rowLen,
    offset(backend, indices),
    size(indices.shape),
    offset(backend, out),
  );
  if (bad >= 0) {
    (args.backend as unknown as { disposeData(id: object): void }).disposeData(out.dataId);
    throw new Error(`GatherV2: the index value ${bad} is not in [0, ${x.shape[0]! - 1}]`);
  }
  return out;
};

/**
 * Identity without a copy (wasm's copies the whole tensor; tfjs tensors are immutable, so the
 * cpu backend shares the buffer the same way). Autodiff calls it hundreds of times per step.
 */
export const sharedIdentity: Make = (_addon, fallback) => (args) => {
  const { x } = args.inputs as { x: TensorInfo };
  if (x.dtype === "string") return fallback(args);
  (args.backend as unknown as HeapBackend).incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
};

/**
 * Cast to the same dtype is an identity: share the buffer instead of copying it. Also fixes the
 * stock kernel's numeric → bool cast, which stores the low byte (−1.3 → 255) instead of x ≠ 0.
 */
export const sharedCast: Make = (_addon, fallback) => (args) => {
  const { x } = args.inputs as { x: TensorInfo };
  const { dtype } = args.attrs as { dtype: string };
  const backend = args.backend as unknown as HeapBackend & {
    typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array | Uint8Array;
  };
  if (dtype === "bool" && (x.dtype === "float32" || x.dtype === "int32")) {
    const out = backend.makeOutput([...x.shape], "bool" as "int32");
    const src = backend.typedArrayFromHeap(x);
    const dst = backend.typedArrayFromHeap(out);
    for (let i = 0; i < src.length; i++) dst[i] = src[i] !== 0 ? 1 : 0;
    return out;
  }
  if (x.dtype !== dtype || x.dtype === "string") return fallback(args);
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
};

/** Fused GELU forward (gelu.ts); no stock kernel exists, so no fallback is needed. */
export const nativeGelu =
  (addon: NativeAddon): KernelFunc =>
  (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    const backend = args.backend as unknown as HeapBackend;
    const out = backend.makeOutput([...x.shape], "float32");
    addon.gelu(backend.wasm.HEAPF32, offset(backend, x), offset(backend, out), size(x.shape));
    return out;
  };

/** dy · GELU'(x). */
export const nativeGeluGrad =
  (addon: NativeAddon): KernelFunc =>
  (args) => {
    const { dy, x } = args.inputs as { dy: TensorInfo; x: TensorInfo };
    const backend = args.backend as unknown as HeapBackend;
    const out = backend.makeOutput([...x.shape], "float32");
    const heap = backend.wasm.HEAPF32;
    addon.geluGrad(
      heap,
      offset(backend, dy),
      offset(backend, x),
      offset(backend, out),
      size(x.shape),
    );
    return out;
  };

/** Fused LayerNorm forward (layer-norm.ts): outputs y, x̂ and rstd. */
export const nativeLayerNorm =
  (addon: NativeAddon): KernelFunc =>
  (args) => {
    const { x, weight, bias } = args.inputs as Record<"x" | "weight" | "bias", TensorInfo>;
    const { eps } = args.attrs as { eps: number };
    const backend = args.backend as unknown as HeapBackend;
    const [rows, d] = x.shape as [number, number];
    const y = backend.makeOutput([rows, d], "float32");
    const xhat = backend.makeOutput([rows, d], "float32");
    const rstd = backend.makeOutput([rows, 1], "float32");
    const at = (t: TensorInfo) => offset(backend, t);
    addon.layerNorm(
      backend.wasm.HEAPF32,
      at(x),
      at(weight),
      at(bias),
      at(y),
      at(xhat),
      at(rstd),
      rows,
      d,
      eps,
    );
    return [y, xhat, rstd];
  };

/** Fused LayerNorm backward: dx, dweight, dbias. */
export const nativeLayerNormGrad =
  (addon: NativeAddon): KernelFunc =>
  (args) => {
    const { dy, xhat, rstd, weight } = args.inputs as Record<
      "dy" | "xhat" | "rstd" | "weight",
      TensorInfo
    >;
    const backend = args.backend as unknown as HeapBackend;
    const [rows, d] = xhat.shape as [number, number];
    const dx = backend.makeOutput([rows, d], "float32");
    const dg = backend.makeOutput([...weight.shape], "float32");
    const db = backend.makeOutput([...weight.shape], "float32");
    const at = (t: TensorInfo) => offset(backend, t);
    addon.layerNormGrad(
      backend.wasm.HEAPF32,
      at(dy),
      at(xhat),
      at(rstd),
      at(weight),
      at(dx),
      at(dg),
      at(db),
      rows,
      d,
    );
    return [dx, dg, db];
  };

/** Any permutation of up to 6 axes of a 4-byte tensor (attention's head split and merge). */
export const nativeTranspose: Make = (addon, fallback) => (args) => {
  const { x } = args.inputs as { x: TensorInfo };
  const { perm } = args.attrs as { perm: number[] };
  const rank = x.shape.length;
  if (!wordSized(x) || rank < 1 || rank > 6 || perm.length !== rank) return fallback(args);
  const strides = x.shape.map((_, k) => size(x.shape.slice(k + 1)));
  const dims = perm.map((p) => x.shape[p]!);
  const src = perm.map((p) => strides[p]!);
  const backend = args.backend as unknown as HeapBackend;
  const out = backend.makeOutput(dims, x.dtype as "float32");
  const pad = (a: number[], fill: number) => [...a, ...new Array<number>(6 - a.length).fill(fill)];
  addon.transpose(
    backend.wasm.HEAPF32,
    offset(backend, x),
    offset(backend, out),
    rank,
    ...(pad(dims, 1) as Six),
    ...(pad(src, 0) as Six),
  );
  return out;
};

type Six = [number, number, number, number, number, number];

/** Softmax over the last axis. */
export const nativeSoftmax: Make = (addon, fallback) => (args) => {
  const { logits } = args.inputs as { logits: TensorInfo };
  const { dim } = args.attrs as { dim: number };
  const rank = logits.shape.length;
  if (logits.dtype !== "float32" || rank < 1 || (dim !== -1 && dim !== rank - 1)) {
    return fallback(args);
  }
  const n = logits.shape[rank - 1]!;
  const rows = size(logits.shape) / Math.max(n, 1);
  if (n === 0) return fallback(args);
  const backend = args.backend as unknown as HeapBackend;
  const out = backend.makeOutput([...logits.shape], "float32");
  addon.softmax(backend.wasm.HEAPF32, offset(backend, logits), offset(backend, out), rows, n);
  return out;
};
