// Backend selection: one place decides which tfjs backend runs the engine.
// Preference order tensorflow (native, only if installed) → wasm → cpu (pure-JS reference).
import * as tf from "@tensorflow/tfjs-core";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { engineEnv } from "./env";
import { registerGradients } from "./gradients";
import { registerWasmKernels } from "./wasm-kernels";
import { enableNativeKernels } from "./native/enable-native-kernels";

export type BackendName = "tensorflow" | "wasm" | "cpu";
export const BACKEND_ORDER: readonly BackendName[] = ["tensorflow", "wasm", "cpu"];

export interface BackendInfo {
  /** The backend actually running. */
  name: BackendName;
  /** What was asked for (argument, else LOCKPICK_BACKEND, else "auto"). */
  requested: BackendName | "auto";
  /** Why earlier candidates were skipped, e.g. "tensorflow: @tensorflow/tfjs-node not installed". */
  skipped: string[];
}

let current: BackendInfo | undefined;

/**
 * Chooses and activates a backend once per thread; later calls return the same choice unless
 * a different backend is requested explicitly. Tries the requested one first, then falls back
 * in BACKEND_ORDER after it.
 */
export async function initBackend(requested?: BackendName): Promise<BackendInfo> {
  const want = requested ?? engineEnv.LOCKPICK_BACKEND;
  if (current && (!want || want === current.name)) return current;
  const start = want ? BACKEND_ORDER.indexOf(want) : 0;
  const skipped: string[] = [];
  await registerGradients();
  for (const name of BACKEND_ORDER.slice(start)) {
    const problem = await tryActivate(name);
    if (problem === undefined) {
      current = { name, requested: want ?? "auto", skipped };
      return current;
    }
    skipped.push(`${name}: ${problem}`);
  }
  throw new Error(`no tfjs backend could be initialised (${skipped.join("; ")})`);
}

/** The active backend, if initBackend has run. */
export function backendInfo(): BackendInfo | undefined {
  return current;
}

/** Loaders per backend; returns undefined on success or a reason for skipping it. */
const loaders: Record<BackendName, () => Promise<string | undefined>> = {
  tensorflow: async () => {
    for (const pkg of ["@tensorflow/tfjs-node-gpu", "@tensorflow/tfjs-node"]) {
      try {
        // A variable specifier keeps bundlers and tsc from treating it as a dependency.
        await import(/* @vite-ignore */ pkg);
      } catch {
        continue;
      }
      if (tf.findBackend("tensorflow")) return undefined;
      return `${pkg} loaded but registered no "tensorflow" backend (tfjs-core version mismatch?)`;
    }
    return "@tensorflow/tfjs-node(-gpu) not installed";
  },
  wasm: async () => {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    // In Node the binaries are read from disk next to the package's entry point.
    const dist = dirname(fileURLToPath(import.meta.resolve("@tensorflow/tfjs-backend-wasm")));
    wasm.setWasmPaths({
      "tfjs-backend-wasm.wasm": join(dist, "tfjs-backend-wasm.wasm"),
      "tfjs-backend-wasm-simd.wasm": join(dist, "tfjs-backend-wasm-simd.wasm"),
      "tfjs-backend-wasm-threaded-simd.wasm": join(dist, "tfjs-backend-wasm-threaded-simd.wasm"),
    });
    registerWasmKernels();
    enableNativeKernels(); // OpenBLAS-backed kernels when the optional addon is built (docs/performance.md)
    return undefined;
  },
  cpu: async () => {
    await import("@tensorflow/tfjs-backend-cpu");
    return undefined;
  },
};

async function tryActivate(name: BackendName): Promise<string | undefined> {
  try {
    const problem = await loaders[name]();
    if (problem) return problem;
    if (!(await tf.setBackend(name))) return "setBackend failed";
    await tf.ready();
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
