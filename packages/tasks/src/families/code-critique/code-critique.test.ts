import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseProgram, run, sameList } from "../../dsl/list-dsl";
import { familyConformance } from "../../testing/family-conformance";
import { assertVocabularyCovers, rate } from "../../testing/task-checks";
import { codeCritique, type CodeCritiqueProblem } from "./code-critique";

/** Every problem shows a `lines`-line program with exactly one faulty line, visible in the examples. */
function assertOneVisibleBug(problems: readonly CodeCritiqueProblem[], lines: number): void {
  const listing = new RegExp(
    ` ${Array.from({ length: lines }, (_, i) => `L${i + 1} .+`).join(" ")} \\|$`,
  );
  let visible = 0;
  for (const p of problems) {
    const h = p.hidden;
    const correct = parseProgram(h.program.split(" "))!;
    const buggy = parseProgram(h.buggy.split(" "))!;
    assert.equal(correct.length, lines);
    assert.deepEqual(
      buggy.map((_, i) => i).filter((i) => JSON.stringify(buggy[i]) !== JSON.stringify(correct[i])),
      [h.line],
      "exactly one line differs",
    );
    assert.match(p.prompt, listing);
    for (const e of h.examples)
      assert.deepEqual(run(correct, e.input), { ok: true, output: e.output });
    const fails = (inputs: typeof h.examples) =>
      inputs.some((e) => {
        const r = run(buggy, e.input);
        return !r.ok || !sameList(r.output, e.output);
      });
    if (fails(h.examples) && fails(h.tests)) visible++;
    if (h.fault === "arg") assert.equal(buggy[h.line]?.op, correct[h.line]?.op);
    else assert.notEqual(buggy[h.line]?.op, correct[h.line]?.op);
  }
  assert.ok(visible / problems.length > 0.98, `visible ${visible}`);
}

const task = codeCritique.create();
const validation = task.sample("validation", 600, 1);

describe("code-critique", () => {
  it("shows a spec and a program with one visible bug", () => {
    assert.equal(task.contextLength(4), 4 + 34 + 5);
    assertVocabularyCovers(task, validation);
    assertOneVisibleBug(validation, 3);
  });

  familyConformance(codeCritique, {
    task,
    problems: validation,
    perSplit: 150,
    ladder: {
      weak: [0.2, 0.45],
      intermediate: [0.3, 0.8],
      gap: 0.1,
      fixedrdm: 0.01,
      also: ({ weak }) =>
        assert.ok(weak.score > weak.correct && weak.score < 0.6, `weak score ${weak.score}`),
    },
    fuzzed: 10,
  });

  it("gives continuous credit for line, kind and fix", () => {
    const p = validation.find((q) => q.hidden.fault === "op")!;
    const { line, fix } = p.hidden;
    const L = `L${line + 1}`;
    const other = `L${((line + 1) % 3) + 1}`;
    assert.deepEqual(task.evaluate(p, `${L} op ${fix} <eos>`), { correct: true, score: 1 });
    assert.deepEqual(task.evaluate(p, `${L} arg ${fix}`), { correct: false, score: 0.75 });
    assert.deepEqual(task.evaluate(p, `${L} op`), { correct: false, score: 0.5 });
    assert.equal(task.evaluate(p, `${other} arg rep 9`).score, 0);
    // `gt 9` empties the list: a wrong fix, right line and kind, passes only empty-output tests.
    const empties = p.hidden.tests.filter((t) => t.output.length === 0).length;
    const partial = task.evaluate(p, `${L} op gt 9`).score;
    assert.equal(partial, 0.5 + (0.5 * empties) / p.hidden.tests.length);
  });

  it("supports two-line programs", () => {
    const two = codeCritique.create({ lines: 2, examples: 3 });
    const ps = two.sample("validation", 100, 1);
    assert.equal(rate(two, ps, two.policies.strong).correct, 1);
    assertVocabularyCovers(two, ps);
  });
});

describe("code-critique, one-line instance", () => {
  const one = codeCritique.create({ lines: 1 });
  const ps = one.sample("validation", 600, 1);

  it("has 33 programs × 1,000 variants, each with one visible bug on L1", () => {
    assert.equal(one.size, 33 * 1000);
    assert.equal(one.maxPromptTokens, 12 * 2 + 3 + 1);
    assertVocabularyCovers(one, ps);
    assertOneVisibleBug(ps, 1);
    assert.deepEqual(new Set(ps.map((p) => p.domain)), new Set(["order", "map", "select"]));
  });

  familyConformance(codeCritique, {
    task: one,
    config: { lines: 1 },
    problems: ps,
    perSplit: 150,
    ladder: {
      weak: [0.15, 0.4],
      intermediate: [0.5, 0.85],
      gap: 0.2,
      fixedrdm: 0.01,
      also: ({ weak }) =>
        assert.ok(
          weak.correct < 0.6 && weak.score < 0.6,
          `weak ${weak.correct} (score ${weak.score})`,
        ),
    },
    fuzzed: 10,
  });

  it("π_weak is right exactly on argument faults", () => {
    for (const p of ps) {
      assert.match(one.policies.weak(p), /^L1 arg /);
      assert.equal(one.evaluate(p, one.policies.weak(p)).correct, p.hidden.fault === "arg");
    }
  });
});
