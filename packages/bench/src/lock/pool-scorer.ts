// A SlotScorer that spreads candidates over the engine's WorkerPool (one job per chunk).
import type { WorkerPool } from "../engine";
import type { SlotScorer } from "./brute-force";
import type { ScoreJobArgs } from "./score-job";

const CHUNK = 32;

export function poolScorer(
  pool: WorkerPool,
  base: Omit<ScoreJobArgs, "slots" | "problems" | "phase">,
): SlotScorer {
  const module = new URL("./score-job.ts", import.meta.url);
  return async (slots, problems, phase, onDone) => {
    const chunks: string[][][] = [];
    for (let i = 0; i < slots.length; i += CHUNK)
      chunks.push(slots.slice(i, i + CHUNK).map((s) => [...s]));
    let done = 0;
    const results = await Promise.all(
      chunks.map(async (chunk) => {
        const args: ScoreJobArgs = { ...base, slots: chunk, problems, phase };
        const out = await pool.run<number[]>({ module, export: "scoreSlots", args: [args] });
        done += chunk.length;
        onDone?.(done);
        return out;
      }),
    );
    return results.flat();
  };
}
