// The budget grid of each track. The harness owns the track table (packages/bench/src/harness/
// tracks.ts); it is used when its face exports it, and these numbers (a copy of it) otherwise.
const fallback: Record<string, readonly number[]> = {
  demonstrations: [1, 4, 16, 64, 256],
  rewards: [256, 1024, 4096, 16384],
  "weak-demonstrations": [16, 64, 256],
  prompting: [10_000, 100_000, 1_000_000],
};

export async function trackGrid(track: string): Promise<readonly number[]> {
  const harness = (await import("@lockpick/bench/harness")) as {
    TRACKS?: Record<string, { grid: readonly number[] }>;
  };
  const grid = harness.TRACKS?.[track]?.grid ?? fallback[track];
  if (!grid) throw new Error(`unknown track "${track}"`);
  return grid;
}
