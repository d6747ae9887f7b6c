// Add/Sub/Multiply/RealDiv on float32 for the broadcasts a training step uses: equal shapes,
// scalars, trailing-dims rows (bias, layer-norm gain) and leading-dims columns ([N, 1] per-row
// statistics). The output is viewed as [outer, inner]; other broadcasts use the stock kernel.
import { backend_util, type KernelFunc, type TensorInfo } from "@tensorflow/tfjs-core";
import type { NativeAddon } from "./native-addon";
import type { HeapBackend } from "./native-ops";

const FULL = 0;
const SCALAR = 1;
const ROW = 2;
const COLUMN = 3;

const size = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);

/** How an operand of `shape` is indexed in output `out`: [mode, split] or undefined. */
function classify(shape: number[], out: number[]): [number, number | undefined] | undefined {
  if (size(shape) === 1) return [SCALAR, undefined];
  const p = [...new Array<number>(out.length - shape.length).fill(1), ...shape];
  if (p.every((d, i) => d === out[i])) return [FULL, undefined];
  const first = p.findIndex((d) => d !== 1);
  if (p.slice(first).every((d, i) => d === out[first + i])) return [ROW, first];
  let last = p.length - 1;
  while (p[last] === 1) last--;
  if (p.slice(0, last + 1).every((d, i) => d === out[i])) return [COLUMN, last + 1];
  return undefined;
}

/** opId: 0 add, 1 sub, 2 mul, 3 div (native/lockpick_blas.cc). */
export function nativeBinary(opId: number) {
  return (addon: NativeAddon, fallback: KernelFunc): KernelFunc =>
    (args) => {
      const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
      if (a.dtype !== "float32" || b.dtype !== "float32") return fallback(args);
      const out = backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
      const ca = classify(a.shape, out);
      const cb = classify(b.shape, out);
      if (!ca || !cb) return fallback(args);
      const splits = [ca[1], cb[1]].filter((s): s is number => s !== undefined);
      if (splits.some((s) => s !== splits[0])) return fallback(args);
      // Without a row/column operand any split works: one row of everything.
      const split = splits[0] ?? 0;
      const outer = size(out.slice(0, split));
      const inner = size(out.slice(split));
      const backend = args.backend as unknown as HeapBackend;
      const result = backend.makeOutput(out, "float32");
      const at = (t: TensorInfo) => backend.dataIdMap.get(t.dataId)!.memoryOffset / 4;
      addon.binary(
        backend.wasm.HEAPF32,
        opId,
        at(a),
        ca[0],
        at(b),
        cb[0],
        at(result),
        outer,
        inner,
      );
      return result;
    };
}
