import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { familyConformance } from "../../testing/family-conformance";
import { assertVocabularyCovers, rate } from "../../testing/task-checks";
import { arithmetic } from "./arithmetic";
import { NO_MISTAKES, renderSolution, solve } from "./worked-solution";

const task = arithmetic.create();
const validation = task.sample("validation", 1500, 1);
const WEAK = { dropAddSubCarries: true, dropMultiplyCarries: true };

describe("arithmetic", () => {
  it("writes column-by-column worked solutions", () => {
    const worked = (op: "addition" | "subtraction" | "multiplication", a: number, b: number) =>
      renderSolution(solve(op, a, b, NO_MISTAKES));
    assert.equal(worked("addition", 347, 58), "7 8 0 5 ; 4 5 1 0 ; 3 0 1 4 ; = 4 0 5 <eos>");
    assert.equal(
      worked("addition", 999, 1),
      "9 1 0 0 ; 9 0 1 0 ; 9 0 1 0 ; 0 0 1 1 ; = 1 0 0 0 <eos>",
    );
    assert.equal(worked("subtraction", 503, 78), "3 8 0 5 ; 0 7 1 2 ; 5 0 1 4 ; = 4 2 5 <eos>");
    assert.equal(worked("subtraction", 42, 42), "2 2 0 0 ; 4 4 0 0 ; = 0 <eos>");
    assert.equal(worked("multiplication", 347, 6), "7 0 4 2 ; 4 4 2 8 ; 3 2 2 0 ; = 2 0 8 2 <eos>");
    // π_weak's systematic mistakes: no carries, smaller-from-larger digits.
    assert.equal(solve("addition", 347, 58, WEAK).answer, 395);
    assert.equal(solve("subtraction", 503, 78, WEAK).answer, 575);
    assert.equal(solve("multiplication", 347, 6, WEAK).answer, 842);
  });

  it("has three operation domains and three levels, in short sequences", () => {
    assert.deepEqual(task.domains, ["addition", "subtraction", "multiplication"]);
    assert.equal(task.strata.length, 9);
    assert.equal(task.vocab.size, 36);
    assert.equal(task.contextLength(4), 38);
    assert.deepEqual(new Set(validation.map((p) => p.domain)), new Set(task.domains));
    assertVocabularyCovers(task, validation);
    for (const p of validation) {
      const { op, a, b } = p.hidden;
      assert.ok(op !== "subtraction" || a >= b);
      assert.ok(op !== "multiplication" || (b >= 2 && b <= 9));
    }
  });

  familyConformance(arithmetic, {
    task,
    problems: validation,
    perSplit: 300,
    ladder: { weak: [0.2, 0.4], intermediate: [0.4, 0.95], gap: 0.2, fixedrdm: 0.02 },
    fuzzed: 20,
  });

  it("judges the final answer and gives partial credit for steps", () => {
    const p = validation.find((q) => q.hidden.answer > 9)!;
    const answer = String(p.hidden.answer).split("").join(" ");
    assert.deepEqual(task.evaluate(p, `= ${answer} <eos>`), { correct: true, score: 0.5 });
    assert.equal(task.evaluate(p, `1 ; = 0 ${answer}`).correct, true, "leading zeros");
    assert.equal(task.evaluate(p, `= ${answer} 1 <eos>`).correct, false);
    assert.equal(task.evaluate(p, answer).correct, false, "an answer needs its '='");
    const steps = task.policies.strong(p).split(" = ")[0];
    assert.deepEqual(task.evaluate(p, `${steps} = 1 1 1 1 1`), { correct: false, score: 0.5 });
  });

  it("supports operation subsets and level 4", () => {
    const t = arithmetic.create({ operations: ["multiplication"], maxLevel: 4 });
    assert.deepEqual(
      t.strata.map((s) => s.name),
      ["mul1", "mul2", "mul3", "mul4"],
    );
    const ps = t.sample("lock", 200, 2);
    assert.equal(rate(t, ps, t.policies.strong).correct, 1);
    assertVocabularyCovers(t, ps);
    assert.throws(() => arithmetic.create({ operations: [] }));
    assert.throws(() => arithmetic.create({ levels: 2 }));
  });
});
