// The budget grid of each track, from the harness's track table (packages/bench/src/harness/
// tracks.ts). `limit` keeps the N smallest budgets (LOCKPICK_BUDGETS_PER_TRACK).
export async function trackGrid(track: string, limit?: number): Promise<readonly number[]> {
  // Loaded on use: the runner process needs only the table, not the sandbox.
  const { TRACKS } = await import("@lockpick/bench/harness");
  const grid = (TRACKS as Record<string, { grid: readonly number[] } | undefined>)[track]?.grid;
  if (!grid) throw new Error(`unknown track "${track}"`);
  return limit ? grid.slice(0, limit) : grid;
}
