// The checks every task family's test suite shares, registered as node:test cases.
import assert from "node:assert/strict";
import { it } from "node:test";
import { SPLIT_NAMES } from "../core/splits";
import type { Problem, Task, TaskFamily } from "../core/types";
import {
  assertEvaluatorRobust,
  assertPolicyLadder,
  assertSplits,
  type PolicyBands,
} from "./task-checks";

export type ConformanceOptions<P extends Problem> = {
  /** The instance under test: `family.create(config)`. */
  task: Task<P>;
  /** The configuration `task` was created with (default: the family's defaults). */
  config?: unknown;
  /** The problems the policy ladder is measured on (usually a validation sample). */
  problems: readonly P[];
  /** Problems per split for the split checks (`assertSplits`). */
  perSplit: number;
  /** The policy bands (`assertPolicyLadder`) and any family-specific checks on the rates. */
  ladder: PolicyBands & {
    also?: (rates: ReturnType<typeof assertPolicyLadder<P>>) => void;
  };
  /** How many of `problems` the evaluator is fuzzed on (`assertEvaluatorRobust`). */
  fuzzed: number;
};

/** Problems per split in the determinism check, and the seeds it compares. */
const SAMPLE = { count: 100, seed: 3, otherSeed: 4 } as const;

const percent = (x: number) => `${Math.round(x * 100)}`;
const range = ([low, high]: readonly [number, number]) => `${percent(low)}-${percent(high)} %`;

/** "π_strong 100 %, π_weak 20-40 %, π_intermediate 40-95 % (20 points above π_weak), …" */
function ladderTitle({ weak, intermediate, gap, fixedrdm }: PolicyBands): string {
  const above = gap ? ` (${percent(gap)} points above π_weak)` : "";
  return `π_strong 100 %, π_weak ${range(weak)}, π_intermediate ${range(intermediate)}${above}, fixedrdm ≤ ${percent(fixedrdm)} %`;
}

/**
 * Registers, in the current `describe`, the three cases every family promises:
 * - sampling is a function of the seed (a fresh instance of the same configuration draws the same
 *   problems on every split, another seed draws others) and the splits are disjoint, rebuildable
 *   from ids and sized 10/40/30/20;
 * - the policy ladder: π_strong always right, π_weak and π_intermediate in their bands, fixedrdm
 *   near zero;
 * - the evaluator survives hostile completions.
 */
export function familyConformance<P extends Problem>(
  family: Pick<TaskFamily<unknown, P>, "create">,
  options: ConformanceOptions<P>,
): void {
  const { task, config, problems, perSplit, ladder, fuzzed } = options;

  it("is deterministic by seed and splits disjointly in 10/40/30/20 proportions", () => {
    const fresh = family.create(config);
    for (const split of SPLIT_NAMES) {
      const drawn = task.sample(split, SAMPLE.count, SAMPLE.seed);
      assert.deepEqual(fresh.sample(split, SAMPLE.count, SAMPLE.seed), drawn, split);
      assert.notDeepEqual(task.sample(split, SAMPLE.count, SAMPLE.otherSeed), drawn, split);
    }
    assertSplits(task, perSplit);
  });

  it(ladderTitle(ladder), () => {
    const rates = assertPolicyLadder(task, problems, ladder);
    ladder.also?.(rates);
  });

  it("survives hostile completions", () => {
    assert.ok(fuzzed > 0 && fuzzed <= problems.length, `fuzz ${fuzzed} of ${problems.length}`);
    assertEvaluatorRobust(task, problems.slice(0, fuzzed));
  });
}
