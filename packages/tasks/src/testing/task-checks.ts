// Shared assertions for the family test suites (not exported from the package).
import assert from "node:assert/strict";
import { Rng } from "../core/random";
import { SPLIT_NAMES, SPLIT_PERCENT } from "../core/splits";
import type { Problem, Task } from "../core/types";

/** Hostile outputs: garbage, empty, huge, unicode, non-strings, near misses. */
export function garbageOutputs(task: Task, problem: Problem, seed: number): unknown[] {
  const rng = new Rng(seed);
  const strong = task.policies.strong(problem);
  const randomTokens = (n: number) =>
    Array.from({ length: n }, () => task.vocab.token(rng.int(task.vocab.size))).join(" ");
  const randomChars = (n: number) =>
    Array.from({ length: n }, () => String.fromCodePoint(rng.int(0x2ffff))).join("");
  return [
    "",
    " ",
    "<eos>",
    "\u0000\uffff\ud800",
    "🔒 ñ ﻿ ０ １",
    randomChars(200),
    randomTokens(5),
    randomTokens(500),
    `${randomTokens(3)} <eos> ${strong}`,
    strong.replace("<eos>", ""),
    `${strong} ${strong}`,
    strong.replace(/<eos>/, "").repeat(50),
    strong.split(" ").reverse().join(" "),
    strong.split(" ").slice(0, -2).join(" "),
    "x".repeat(2_000_000),
    " ".repeat(1_000_000) + strong,
    "| ; > = A 0 L1 op arg".repeat(10_000),
    undefined,
    null,
    42,
    { toString: () => strong },
    [strong],
  ];
}

/** The evaluator never throws and always returns a score in [0, 1]. */
export function assertEvaluatorRobust(task: Task, problems: readonly Problem[]): void {
  problems.forEach((problem, i) => {
    for (const output of garbageOutputs(task, problem, i)) {
      const result = task.evaluate(problem, output as string);
      assert.equal(typeof result.correct, "boolean");
      assert.ok(result.score >= 0 && result.score <= 1, `score ${result.score} out of range`);
    }
  });
}

/** Same seed, same problems; splits disjoint; `splitOf` agrees; proportions near 10/40/30/20. */
export function assertSplits(task: Task, perSplit: number): void {
  const seen = new Map<string, string>();
  for (const split of SPLIT_NAMES) {
    const a = task.sample(split, perSplit, 11);
    const b = task.sample(split, perSplit, 11);
    assert.deepEqual(a, b, "sampling is deterministic by seed");
    assert.equal(new Set(a.map((p) => p.id)).size, a.length, "samples are distinct");
    for (const p of a) {
      assert.equal(task.splitOf(p), split);
      assert.deepEqual(task.problem(p.id), p, "problem(id) rebuilds the problem");
      assert.equal(seen.get(p.id), undefined, `${p.id} in two splits`);
      seen.set(p.id, split);
    }
  }
  // Domain-restricted sampling (paper §5.2).
  for (const domain of task.domains) {
    const ps = task.sample("elicit", 20, 3, { domain });
    assert.equal(ps.length, 20, domain);
    assert.ok(ps.every((p) => p.domain === domain && task.splitOf(p) === "elicit"));
  }
  assert.deepEqual(task.sample("elicit", 5, 3, { domain: "no-such-domain" }), []);
  // Proportions over ids drawn uniformly from the whole space.
  const counts: Record<string, number> = {};
  const rng = new Rng(5);
  const draws = 20_000;
  for (let i = 0; i < draws; i++) {
    let index = rng.int(task.size);
    const stratum = task.strata.find((s) => (index < s.size ? true : ((index -= s.size), false)));
    const split = task.splitOf(`${stratum?.name}.${index}`);
    assert.ok(split, "every id of the space has a split");
    counts[split] = (counts[split] ?? 0) + 1;
  }
  for (const split of SPLIT_NAMES) {
    const share = (100 * (counts[split] ?? 0)) / draws;
    assert.ok(Math.abs(share - SPLIT_PERCENT[split]) < 2, `${split}: ${share}%`);
  }
}

/** Correctness rate and mean score of a policy over problems. */
export function rate<P extends Problem>(
  task: Task<P>,
  problems: readonly P[],
  policy: (p: P) => string,
): { correct: number; score: number } {
  let correct = 0;
  let score = 0;
  for (const p of problems) {
    const e = task.evaluate(p, policy(p));
    correct += e.correct ? 1 : 0;
    score += e.score;
  }
  return { correct: correct / problems.length, score: score / problems.length };
}

export type PolicyBands = {
  /** π_weak's correctness rate lies strictly inside this range. */
  weak: [number, number];
  /** So does π_intermediate's … */
  intermediate: [number, number];
  /** … and it beats π_weak by more than this. */
  gap?: number;
  /** fixedrdm is correct at most this often. */
  fixedrdm: number;
};

/**
 * The ladder every family promises (the paper's setting): π_strong always right, π_weak and
 * π_intermediate in their bands with π_intermediate clearly better, fixedrdm near zero. Returns
 * the weak and intermediate rates for family-specific checks.
 */
export function assertPolicyLadder<P extends Problem>(
  task: Task<P>,
  problems: readonly P[],
  bands: PolicyBands,
) {
  assert.deepEqual(rate(task, problems, task.policies.strong), { correct: 1, score: 1 });
  const weak = rate(task, problems, task.policies.weak);
  const [wLow, wHigh] = bands.weak;
  assert.ok(weak.correct > wLow && weak.correct < wHigh, `weak ${weak.correct}`);
  assert.ok(task.policies.intermediate, "an intermediate policy");
  const mid = rate(task, problems, task.policies.intermediate);
  const [mLow, mHigh] = bands.intermediate;
  assert.ok(mid.correct > mLow && mid.correct < mHigh, `intermediate ${mid.correct}`);
  const gap = bands.gap ?? 0;
  assert.ok(
    mid.correct > weak.correct + gap,
    `intermediate ${mid.correct} vs weak ${weak.correct}`,
  );
  const fixedrdm = rate(task, problems, task.policies.fixedrdm).correct;
  assert.ok(fixedrdm <= bands.fixedrdm, `fixedrdm ${fixedrdm}`);
  return { weak, intermediate: mid };
}

/** Every prompt and completion token is in the vocabulary; lengths within the declared maxima. */
export function assertVocabularyCovers(task: Task, problems: readonly Problem[]): void {
  for (const p of problems) {
    const prompt = p.prompt.split(" ");
    assert.ok(prompt.length <= task.maxPromptTokens, `prompt too long: ${p.prompt}`);
    for (const name of ["strong", "weak", "intermediate", "fixedrdm"] as const) {
      const policy = task.policies[name];
      if (!policy) continue;
      const completion = policy(p).split(" ");
      assert.ok(completion.length <= task.maxCompletionTokens, `${name} too long: ${completion}`);
      assert.equal(completion.at(-1), "<eos>");
      for (const t of [...prompt, ...completion]) assert.ok(task.vocab.has(t), `unknown ${t}`);
    }
  }
}
