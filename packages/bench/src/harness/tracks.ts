// Track table: which resources exist on each leaderboard track, the budget grid, and the caps
// every run of the track gets. The primary budget (k demonstrations or N reward queries) is the
// `--budget` of a run; the other caps are fixed per track so methods stay comparable.
import type { BudgetKind, DemoSource, TrackId } from "@lockpick/sdk";
import { z } from "zod";

export type BudgetLimits = Record<BudgetKind, number>;

export const BUDGET_KINDS = [
  "demonstrations",
  "rewardQueries",
  "trainingTokens",
  "generatedTokens",
  "perturbations",
  "wallClockMs",
] as const satisfies readonly BudgetKind[];

export const TRACK_IDS = [
  "demonstrations",
  "rewards",
  "weak-demonstrations",
  "prompting",
] as const satisfies readonly TrackId[];

export interface TrackSpec {
  id: TrackId;
  /** The budget kind set by a run's `budget` number. */
  primary: BudgetKind;
  /** Budgets of the leaderboard grid. */
  grid: readonly number[];
  /** Demonstration sources the track lends. */
  sources: readonly DemoSource[];
  /** Caps other than the primary budget. */
  caps: BudgetLimits;
  /** Whether weights may change (sft, dpo, perturb, restore of a trained snapshot). */
  weightUpdates: boolean;
}

const MINUTE = 60_000;

/** Caps of both demonstration tracks (π_strong's and π_weak / π_intermediate's). */
const DEMONSTRATION_CAPS: BudgetLimits = {
  demonstrations: 0,
  rewardQueries: 0,
  trainingTokens: 4_000_000,
  generatedTokens: 1_000_000,
  perturbations: 64,
  wallClockMs: 10 * MINUTE,
};

export const TRACKS: Record<TrackId, TrackSpec> = {
  demonstrations: {
    id: "demonstrations",
    primary: "demonstrations",
    grid: [1, 4, 16, 64, 256],
    sources: ["strong"],
    weightUpdates: true,
    caps: DEMONSTRATION_CAPS,
  },
  rewards: {
    id: "rewards",
    primary: "rewardQueries",
    grid: [256, 1024, 4096, 16384],
    sources: [],
    weightUpdates: true,
    caps: {
      demonstrations: 0,
      rewardQueries: 0,
      trainingTokens: 16_000_000,
      generatedTokens: 4_000_000,
      perturbations: 64,
      wallClockMs: 20 * MINUTE,
    },
  },
  "weak-demonstrations": {
    id: "weak-demonstrations",
    primary: "demonstrations",
    grid: [16, 64, 256],
    sources: ["weak", "intermediate"],
    weightUpdates: true,
    caps: DEMONSTRATION_CAPS,
  },
  prompting: {
    id: "prompting",
    primary: "generatedTokens",
    grid: [10_000, 100_000, 1_000_000],
    sources: ["strong"],
    weightUpdates: false,
    caps: {
      demonstrations: 16,
      rewardQueries: 0,
      trainingTokens: 0,
      generatedTokens: 0,
      perturbations: 0,
      wallClockMs: 10 * MINUTE,
    },
  },
};

export const budgetLimitsSchema = z
  .object(
    Object.fromEntries(BUDGET_KINDS.map((k) => [k, z.number().int().nonnegative()])) as Record<
      BudgetKind,
      z.ZodNumber
    >,
  )
  .strict();

/** The limits of one run: the track's caps, the primary budget, then explicit overrides. */
export function resolveLimits(
  track: TrackId,
  budget: number,
  overrides: Partial<BudgetLimits> = {},
): BudgetLimits {
  const spec = TRACKS[track];
  if (!Number.isInteger(budget) || budget < 0) throw new Error(`budget must be a count ≥ 0`);
  return budgetLimitsSchema.parse({ ...spec.caps, [spec.primary]: budget, ...overrides });
}
