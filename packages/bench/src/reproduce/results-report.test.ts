// The report from synthetic finished runs: difficulty interpolation, missing cells, plots.
import assert from "node:assert/strict";
import { test } from "node:test";
import { getTaskFamily } from "@lockpick/tasks";
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

test("targets are judged on seeds 1–3 and show every seed run beside them", () => {
  const plan = buildPlan({ models: [lock], domains: { "function-composition": ["a", "b"] } });
  // Seeds 1–3 recover 60 % at k = 64, the difficulty group's seeds 4–8 only 30 %.
  // The plan lists seeds 1–3 in two groups; the reproduction runs each key once.
  const bySeed = new Map(
    plan
      .filter((s): s is RunSpec => s.method === "sft" && !s.params && s.budget === 64)
      .map((spec) => [spec.seed, spec]),
  );
  const runs = [...bySeed.values()].map((spec) => ({
    spec,
    outcome: outcome(spec.seed, spec.seed <= 3 ? 0.6 : 0.3),
  }));
  const { markdown } = buildReport({
    locks: [lock],
    plan,
    runs,
    domains: { "function-composition": ["a", "b"] },
    generatedAt: "now",
  });
  assert.match(markdown, /\| SFT k = 64 \| ≥ 50 % \| 60% ± 0 \| yes \| 41% ± \d+ \(n = 8\) \|/);
  assert.match(markdown, /\| SFT k = 4 \| ≤ 30 % \| – \| not run \| – \|/);
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

// Finding (3) on synthetic single-domain runs: each seed scores `others` recovery on the domains
// its demonstrations did not come from (per-domain floor 0.2, ceiling 1), SFT on all domains 0.6.
function crossDomainReport(others: Record<string, number | undefined>, all: number | null = 0.6) {
  const domains = { "function-composition": ["a", "b", "c"] };
  const bounded: LockInfo = {
    ...lock,
    perDomain: Object.fromEntries(
      domains["function-composition"].map((d) => [d, { floor: 0.2, ceiling: 1 }]),
    ),
  };
  const plan = buildPlan({ models: [bounded], domains });
  const runs = plan.flatMap((spec) => {
    const from = spec.params?.domain;
    if (spec.method !== "sft" || spec.budget !== 64 || spec.seed > 3) return [];
    if (typeof from !== "string")
      return spec.params || all === null ? [] : [{ spec, outcome: outcome(spec.seed, all) }];
    const r = others[from];
    if (r === undefined) return [];
    // Seeds spread ±0.02 around r, so the cell has a standard error.
    const onOthers = r + 0.02 * (spec.seed - 2);
    const perDomain = Object.fromEntries(
      domains["function-composition"].map((d) => [
        d,
        { n: 100, correctness: d === from ? 1 : 0.2 + 0.8 * onOthers, score: 0.5 },
      ]),
    );
    return [{ spec, outcome: { ...outcome(spec.seed, 0.5), perDomain } }];
  });
  const { markdown } = buildReport({ locks: [bounded], plan, runs, domains, generatedAt: "now" });
  const three = markdown.split("\n").find((l) => l.startsWith("**(3)"));
  assert.ok(three, "finding (3) is in the report");
  return { markdown, three };
}

test("finding (3) computes whether single-domain demonstrations generalise", () => {
  const yes = crossDomainReport({ a: 0.5, b: 0.45, c: 0.55 });
  assert.match(yes.markdown, /\| a \| 50% ± 0 \| 50% ± 1 \|/, "the table uses the same numbers");
  assert.match(yes.three, /all domains recovers 60% ± 0/);
  assert.match(yes.three, /a 50% ± 1 \(83 % of all-domain: generalises\)/);
  assert.match(yes.three, /Mean over the domains: 50% \(83 % of all-domain\)\. Reproduced/);

  const partly = crossDomainReport({ a: 0.3, b: 0.1, c: 0.5 });
  assert.match(partly.three, /a 30% ± 1 \(50 % of all-domain: partly\)/);
  assert.match(partly.three, /b 10% ± 1 \(17 % of all-domain: does not\)/);
  assert.match(partly.three, /c 50% ± 1 \(83 % of all-domain: generalises\)/);
  assert.match(
    partly.three,
    /Mean over the domains: 30% \(50 % of all-domain\)\. Partly reproduced/,
  );

  const no = crossDomainReport({ a: 0.1, b: 0.1 });
  assert.match(no.three, /c not run/);
  assert.match(
    no.three,
    /Mean over the 2 measured domains: 10% \(17 % of all-domain\)\. Not reproduced/,
  );

  for (const missing of [crossDomainReport({}), crossDomainReport({ a: 0.5 }, null)])
    assert.match(missing.three, /^\*\*\(3\)[^.]*\.\*\* Not measured yet/);
});

test("difficulty of a partly run curve says '> largest k run', and finding (5) pairs locks of one task", () => {
  const ft: LockInfo = { ...lock, task: "arithmetic", variant: "ft-default" };
  const scratch: LockInfo = { ...lock, task: "arithmetic", variant: "scratch" };
  const main: LockInfo = { ...lock };
  const plan = buildPlan({ models: [main, ft, scratch], domains: {} });
  const rec: Record<string, Record<number, number>> = {
    "function-composition/ft-default": { 4: 0, 16: 0.2, 64: 0.6, 256: 1 },
    "arithmetic/ft-default": { 4: 0, 16: 0.2, 64: 0.5, 256: 0.9 },
    // Only k = 4 and 16 have run so far on arithmetic/scratch.
    "arithmetic/scratch": { 4: -0.3, 16: 0.1 },
  };
  const runs = plan
    .filter((s) => s.method === "sft" && !s.params && rec[`${s.task}/${s.variant}`])
    .filter((s) => rec[`${s.task}/${s.variant}`]![s.budget] !== undefined)
    .map((spec) => ({
      spec,
      outcome: outcome(spec.seed, rec[`${spec.task}/${spec.variant}`]![spec.budget]!),
    }));
  const { markdown } = buildReport({
    locks: [main, ft, scratch],
    plan,
    runs,
    domains: {},
    generatedAt: "now",
  });
  assert.match(markdown, /\| arithmetic\/scratch \| 25% \| 100% \| 26% \| > 16 \| > 16, /);
  assert.doesNotMatch(markdown, /arithmetic\/scratch \| 25% \| 100% \| 26% \| > 256/);
  const five = markdown.split("\n").find((l) => l.startsWith("**(5)"))!;
  assert.match(
    five,
    /arithmetic: fine-tuned ft-default \d+; from scratch scratch > 16; not comparable yet/,
  );
  assert.doesNotMatch(five, /function-composition:/, "no scratch lock of that task, no pair");
});

test("findings (1) and (4) judge a multiple-choice fixedrdm lock; the audit summary names passing locks", () => {
  const mc: LockInfo = {
    ...lock,
    task: "multiple-choice",
    variant: "ft-fixedrdm",
    floor: 0.2,
    bruteForceBest: 0.66,
  };
  const plan = buildPlan({ models: [lock, mc], domains: {} });
  const rec: Record<string, Record<number, number>> = {
    "function-composition/ft-default": { 4: 0, 16: 0.2, 64: 0.6, 256: 1 },
    "multiple-choice/ft-fixedrdm": { 4: 0, 16: 0.1, 64: 0.3, 256: 0.8 },
  };
  const rl: Record<string, number> = { "expert-iteration": 0.05, "iterated-dpo": 0.1 };
  const runs = plan
    .filter(
      (s) =>
        (s.method === "sft" &&
          !s.params &&
          rec[`${s.task}/${s.variant}`]?.[s.budget] !== undefined) ||
        (s.task === "multiple-choice" && s.budget === 4096 && rl[s.method] !== undefined),
    )
    .map((spec) => ({
      spec,
      outcome: outcome(
        spec.seed,
        spec.method === "sft"
          ? rec[`${spec.task}/${spec.variant}`]![spec.budget]!
          : rl[spec.method]!,
      ),
    }));
  const { markdown } = buildReport({
    locks: [lock, mc],
    plan,
    runs,
    domains: {},
    generatedAt: "now",
  });
  const line = (n: number) => markdown.split("\n").find((l) => l.startsWith(`**(${n})`))!;
  assert.match(
    line(1),
    /Multiple choice: ft-fixedrdm \(π_weak = fixedrdm, not a weaker model\) k for 70 % = \d+, [\d.]+× the generation task's \d+: needs more — reproduced/,
  );
  assert.match(
    line(4),
    /From fixedrdm: multiple-choice\/ft-fixedrdm at N = 4096: expert iteration 5% ± 0, iterated DPO 10% ± 0; both fail, as in the paper — reproduced/,
  );
  assert.match(markdown, /function-composition\/ft-default passed that audit; the other 1 did not/);
  // When RL does recover from fixedrdm on a task where chance is high, the verdict says why.
  const eiRecovers = runs.map((r) =>
    r.spec.method === "expert-iteration" ? { ...r, outcome: outcome(r.spec.seed, 0.5) } : r,
  );
  const again = buildReport({
    locks: [lock, mc],
    plan,
    runs: eiRecovers,
    domains: {},
    generatedAt: "now",
  });
  assert.match(
    again.markdown,
    /expert iteration 50% ± 0, iterated DPO 10% ± 0; at least one recovers more than 20 % — not reproduced \(without password it is right 20% of the time/,
  );
  // A from-scratch lock whose task's only fine-tuned lock is fixedrdm: listed, no ratio.
  const mcScratch: LockInfo = { ...mc, variant: "scratch-curriculum-policy" };
  const withScratch = buildReport({
    locks: [lock, mc, mcScratch],
    plan: buildPlan({ models: [lock, mc, mcScratch], domains: {} }),
    runs,
    domains: {},
    generatedAt: "now",
  });
  const five = withScratch.markdown.split("\n").find((l) => l.startsWith("**(5)"))!;
  assert.match(
    five,
    /multiple-choice: from scratch scratch-curriculum-policy [^;]+; fine-tuned only with a fixedrdm π_weak \(ft-fixedrdm \d+\), so no like-for-like ratio/,
  );
});

test("a lock on a non-default task config is labelled with its instance; its runs stay keyed by <task>/<variant>", () => {
  const ps: LockInfo = {
    ...lock,
    task: "program-synthesis",
    variant: "ft-default",
    taskConfig: { lines: 1 },
  };
  // The same config spelled out in full is still the default: no note.
  const defaults = getTaskFamily("function-composition").defaultConfig as Record<string, unknown>;
  const fc: LockInfo = { ...lock, taskConfig: { ...defaults } };
  const plan = buildPlan({ models: [fc, ps], domains: {} });
  assert.ok(
    plan.every((s) => !("taskConfig" in s)),
    "run specs (cache keys) carry no config",
  );
  const runs = plan
    .filter((s) => s.task === "program-synthesis" && s.method === "sft" && !s.params)
    .filter((s) => s.budget === 64 && s.seed <= 3)
    .map((spec) => ({ spec, outcome: outcome(spec.seed, 0.6) }));
  const skipped = [{ ...ps, variant: "scratch", reason: "lock gap too small" }];
  const { markdown } = buildReport({
    locks: [fc, ps],
    skipped,
    plan,
    runs,
    domains: {},
    generatedAt: "now",
  });
  assert.match(
    markdown,
    /\| program-synthesis\/ft-default \(lines 1\) \| 25% \| 100% \| 26% \| > 64 \|/,
  );
  assert.match(markdown, /\| function-composition\/ft-default \| 25% \|/);
  assert.match(markdown, /^- program-synthesis\/scratch \(lines 1\): lock gap too small\.$/m);
  assert.match(markdown, /program-synthesis\/ft-default \(lines 1\) passed that audit/);
  assert.doesNotMatch(markdown, /function-composition\/ft-default \(/);
});
