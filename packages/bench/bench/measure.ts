// Timing helpers: warm up, then several rounds of several steps; report the median round.
export interface Timing {
  /** Median over rounds of the mean ms per call within a round. */
  median: number;
  rounds: number[];
}

export async function timeRounds(
  fn: () => unknown,
  { warmup, steps, rounds }: { warmup: number; steps: number; rounds: number },
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const means: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) await fn();
    means.push((performance.now() - t0) / steps);
  }
  return { median: median(means), rounds: means };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
