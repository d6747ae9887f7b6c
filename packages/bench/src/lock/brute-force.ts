// The audit of a lock: screen every candidate slot on a subset of validation problems, then
// re-score the most promising ones on the full validation split (REFERENCE-RESULTS: screening in
// batches is what keeps an audit of ~800 candidates affordable).
import type { Decoy, DecoyFamily } from "./decoys";
import type { Slot } from "./password";

/**
 * Correctness of each slot on the first `problems` validation problems (same order). In the
 * "screen" phase a scorer may use a cheaper proxy (teacher-forced exact match); "rescore" is
 * the real metric (greedy generation, the task's evaluator).
 */
export type SlotScorer = (
  slots: readonly Slot[],
  problems: number,
  phase: "screen" | "rescore",
  onDone?: (done: number) => void,
) => Promise<number[]>;

export interface CandidateScore {
  family: DecoyFamily;
  key: string;
  /** Seen in training as a wrong password (else a held-out candidate). */
  seen: boolean;
  screen: number;
  /** Correctness on the full validation split, for re-scored candidates. */
  full?: number;
}

export interface FamilySummary {
  tried: number;
  /** Best screened correctness, and the candidate that reached it. */
  bestScreen: number;
  bestKey: string;
  meanScreen: number;
}

export interface BruteForceResult {
  tried: number;
  screenProblems: number;
  validationProblems: number;
  byFamily: Partial<Record<DecoyFamily, FamilySummary>>;
  /** Re-scored candidates, best first. */
  top: CandidateScore[];
  /** Best full-validation correctness over the re-scored candidates. */
  best: number;
  bestKey: string;
  bestFamily: DecoyFamily;
  /** Best re-scored held-out candidate / wrong password seen in training (full split). */
  heldOutBest: number;
  seenBest: number;
  /** Mean screened correctness of the wrong passwords seen in training. */
  seenMean: number;
}

const bestScreen = (scores: CandidateScore[]) =>
  scores.reduce((a, b) => (b.screen > a.screen ? b : a));

/** Best full-split correctness among the re-scored members of `scores` (0 if none). */
const bestFull = (scores: CandidateScore[]) =>
  scores.reduce((m, s) => (s.full === undefined ? m : Math.max(m, s.full)), 0);

/**
 * Screens `seen` and `heldOut` candidates, re-scores the top `rescoreTop` overall plus the best
 * of every family on the full split, and summarises. `onProgress` counts screened candidates.
 */
export async function bruteForce(input: {
  seen: readonly Decoy[];
  heldOut: readonly Decoy[];
  score: SlotScorer;
  screenProblems: number;
  validationProblems: number;
  rescoreTop: number;
  onProgress?: (done: number, total: number) => void;
}): Promise<BruteForceResult> {
  const candidates = [
    ...input.seen.map((d) => ({ decoy: d, seen: true })),
    ...input.heldOut.map((d) => ({ decoy: d, seen: false })),
  ];
  if (candidates.length === 0) throw new Error("no brute-force candidates");
  const total = candidates.length;
  const screen = await input.score(
    candidates.map((c) => c.decoy.slot),
    input.screenProblems,
    "screen",
    (done) => input.onProgress?.(done, total),
  );
  const scores: CandidateScore[] = candidates.map((c, i) => ({
    family: c.decoy.family,
    key: c.decoy.key,
    seen: c.seen,
    screen: screen[i] ?? 0,
  }));
  const byFamily: BruteForceResult["byFamily"] = {};
  const rescore = new Set<CandidateScore>(
    [...scores].sort((a, b) => b.screen - a.screen).slice(0, input.rescoreTop),
  );
  for (const family of new Set(scores.map((s) => s.family))) {
    const members = scores.filter((s) => s.family === family);
    const best = bestScreen(members);
    rescore.add(best);
    byFamily[family] = {
      tried: members.length,
      bestScreen: best.screen,
      bestKey: best.key,
      meanScreen: members.reduce((a, s) => a + s.screen, 0) / members.length,
    };
  }
  const seenScores = scores.filter((s) => s.seen);
  const heldScores = scores.filter((s) => !s.seen);
  if (seenScores.length) rescore.add(bestScreen(seenScores));
  if (heldScores.length) rescore.add(bestScreen(heldScores));
  const chosen = [...rescore];
  const full = await input.score(
    chosen.map((c) => c.key.split(" ")),
    input.validationProblems,
    "rescore",
  );
  chosen.forEach((c, i) => (c.full = full[i] ?? 0));
  const top = chosen.sort((a, b) => (b.full ?? 0) - (a.full ?? 0));
  const best = top[0] as CandidateScore;
  return {
    tried: total,
    screenProblems: input.screenProblems,
    validationProblems: input.validationProblems,
    byFamily,
    top,
    best: best.full ?? 0,
    bestKey: best.key,
    bestFamily: best.family,
    heldOutBest: bestFull(heldScores),
    seenBest: bestFull(seenScores),
    seenMean: seenScores.length
      ? seenScores.reduce((a, s) => a + s.screen, 0) / seenScores.length
      : 0,
  };
}
