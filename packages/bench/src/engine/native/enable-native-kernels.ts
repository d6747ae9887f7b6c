// One call for backend selection: if the OpenBLAS addon loads and passes its self-check, back the
// wasm backend's matmul and hot memory-bound kernels with it. Reports what happened either way;
// `disableNativeKernels` puts the previous kernels back (same-run baselines, A/B tests).
import { getKernel } from "@tensorflow/tfjs-core";
import { loadNativeAddon } from "./native-addon";
import { registerNativeKernels, unregisterNativeKernels } from "./native-kernels";

export interface NativeKernelsStatus {
  used: boolean;
  /** Kernels now running natively. */
  kernels: string[];
  /** One line for logs: "openblas (OpenBLAS 0.3.21 …): BatchMatMul, …" or why not. */
  summary: string;
}

let current: NativeKernelsStatus | undefined;

/** Idempotent. Call once the wasm backend's kernels are registered (after importing it). */
export function enableNativeKernels(): NativeKernelsStatus {
  if (current?.used) return current;
  if (!getKernel("BatchMatMul", "wasm")) {
    return { used: false, kernels: [], summary: "off (the wasm backend is not loaded)" };
  }
  const status = loadNativeAddon();
  if (!status.ok) {
    current = { used: false, kernels: [], summary: `off (${status.reason})` };
    return current;
  }
  const kernels = registerNativeKernels(status.addon);
  current = { used: true, kernels, summary: `openblas (${status.blas}): ${kernels.join(", ")}` };
  return current;
}

/** Restores the kernels that were registered before enableNativeKernels. */
export function disableNativeKernels(): void {
  unregisterNativeKernels();
  current = undefined;
}

/** What enableNativeKernels last did in this thread, if it ran. */
export function nativeKernelsStatus(): NativeKernelsStatus | undefined {
  return current;
}
