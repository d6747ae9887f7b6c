// Per-kernel time accounting for a tfjs backend: wraps every registered kernel function with a
// timer. The wasm and cpu backends run kernels synchronously, so wall time inside the kernel
// function is the kernel's cost; what is left of a step is tfjs's own bookkeeping (tape,
// tidy, gradient plumbing) plus the optimizer's JS.
import {
  getKernelsForBackend,
  registerKernel,
  unregisterKernel,
  type KernelConfig,
} from "@tensorflow/tfjs-core";

export interface KernelStat {
  kernel: string;
  calls: number;
  ms: number;
}

export interface KernelProfiler {
  reset(): void;
  /** Stats since the last reset, slowest first. */
  stats(): KernelStat[];
  /** Restores the original kernels. */
  uninstall(): void;
}

/** Installs timers on every kernel of `backendName` (call after all kernel overrides). */
export function installKernelProfiler(backendName: string): KernelProfiler {
  const originals: KernelConfig[] = [...getKernelsForBackend(backendName)];
  const table = new Map<string, { calls: number; ms: number }>();
  for (const config of originals) {
    const stat = { calls: 0, ms: 0 };
    table.set(config.kernelName, stat);
    const inner = config.kernelFunc;
    unregisterKernel(config.kernelName, backendName);
    registerKernel({
      ...config,
      kernelFunc: (args) => {
        const t0 = performance.now();
        try {
          return inner(args);
        } finally {
          stat.ms += performance.now() - t0;
          stat.calls++;
        }
      },
    });
  }
  return {
    reset() {
      for (const s of table.values()) {
        s.calls = 0;
        s.ms = 0;
      }
    },
    stats() {
      return [...table]
        .filter(([, s]) => s.calls > 0)
        .map(([kernel, s]) => ({ kernel, ...s }))
        .sort((x, y) => y.ms - x.ms);
    },
    uninstall() {
      for (const config of originals) {
        unregisterKernel(config.kernelName, backendName);
        registerKernel(config);
      }
    },
  };
}

/** A fixed-width table of the top kernels, per step. */
export function formatProfile(stats: KernelStat[], steps: number, top = 20): string {
  const total = stats.reduce((a, s) => a + s.ms, 0);
  const lines = [`kernel                     calls/step   ms/step   share`];
  for (const s of stats.slice(0, top)) {
    lines.push(
      `${s.kernel.padEnd(26)} ${(s.calls / steps).toFixed(0).padStart(10)} ${(s.ms / steps)
        .toFixed(2)
        .padStart(9)} ${((100 * s.ms) / total).toFixed(1).padStart(6)}%`,
    );
  }
  lines.push(
    `${"all kernels".padEnd(26)} ${"".padStart(10)} ${(total / steps).toFixed(2).padStart(9)}`,
  );
  return lines.join("\n");
}
