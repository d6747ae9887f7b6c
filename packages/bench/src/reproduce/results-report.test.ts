// The report from synthetic finished runs: difficulty interpolation, missing cells, plots.
import assert from "node:assert/strict";
import { test } from "node:test";
import { buildPlan, type RunSpec } from "./plan";
import { kAt } from "./results-index";
import { buildReport, type LockInfo } from "./results-report";
import type { SeedOutcome } from "./summarize";

test("kAt interpolates on log k and says null when the target is never reached", () => {
  assert.equal(kAt([{ k: 4, r: 0.8 }]), 4);
  assert.equal(
    kAt([
      { k: 4, r: 0.1 },
      { k: 16, r: 0.5 },
    ]),
    null,
  );
  const k = kAt([
    { k: 16, r: 0.5 },
    { k: 64, r: 0.9 },
  ])!;
  assert.ok(Math.abs(k - 32) < 1e-9, `halfway on log2 between 16 and 64 is 32, got ${k}`);
});

const outcome = (seed: number, recovery: number): SeedOutcome => ({
  seed,
  status: "completed",
  correctness: 0.25 + 0.75 * recovery,
  score: 0.5,
  recovery,
  perDomain: {},
  spent: { demonstrations: 1 },
  durations: { loadMs: 1, elicitMs: 1, evaluateMs: 1, totalMs: 60_000 },
});

const lock: LockInfo = {
  task: "function-composition",
  variant: "ft-default",
  dir: "/nowhere",
  floor: 0.25,
  ceiling: 1,
  bruteForceBest: 0.26,
  perDomain: {},
};

test("the report tabulates finished runs, marks missing cells, and checks the targets", () => {
  const plan = buildPlan({ models: [lock], domains: { "function-composition": ["a", "b"] } });
  const curve: Record<number, number> = { 1: 0, 4: 0.1, 16: 0.5, 64: 0.9, 256: 1 };
  const runs = plan
    .filter((s): s is RunSpec => s.method === "sft" && !s.params && s.seed <= 3)
    .map((spec) => ({ spec, outcome: outcome(spec.seed, curve[spec.budget]!) }));
  const { markdown, plots } = buildReport({
    locks: [lock],
    plan,
    runs,
    domains: { "function-composition": ["a", "b"] },
    generatedAt: "now",
  });
  assert.match(markdown, /\| SFT k = 4 \| ≤ 30 % \| 10% ± 0 \| yes \|/);
  assert.match(markdown, /\| SFT k = 64 \| ≥ 50 % \| 90% ± 0 \| yes \|/);
  assert.match(markdown, /\| 64 weak demonstrations \| ≤ 15 % \| – \| not run \|/);
  assert.match(markdown, /\| function-composition\/ft-default \| 25% \| 100% \| 26% \| 32 \|/);
  assert.match(markdown, /cells marked – have not run yet/);
  assert.match(plots["sft-recovery.svg"]!, /<svg[\s\S]*ft-default[\s\S]*<\/svg>/);
});

test("the report lists skipped locks with their reasons, and finding (1) says why", () => {
  const skipped = [
    {
      task: "multiple-choice",
      variant: "ft-default",
      dir: "/nowhere-else",
      reason: "lock gap 2.9 points is below the 20.0-point minimum",
    },
  ];
  const input = {
    locks: [lock],
    plan: buildPlan({ models: [lock], domains: {} }),
    runs: [],
    domains: {},
    generatedAt: "now",
  };
  const { markdown } = buildReport({ ...input, skipped });
  assert.match(markdown, /^Skipped: shipped locks whose lock gap is too small/m);
  assert.match(
    markdown,
    /^- multiple-choice\/ft-default: lock gap 2\.9 points is below the 20\.0-point minimum\.$/m,
  );
  assert.doesNotMatch(markdown, /\| multiple-choice\/ft-default \|/, "not in the difficulty table");
  assert.match(markdown, /Multiple choice: ft-default skipped \(lock gap too small/);
  assert.doesNotMatch(buildReport(input).markdown, /Skipped/, "nothing skipped, no note");

  const none = buildReport({ ...input, locks: [], plan: [], skipped }).markdown;
  assert.match(
    none,
    /No usable shipped locked model was found[\s\S]*- multiple-choice\/ft-default/,
  );
});
