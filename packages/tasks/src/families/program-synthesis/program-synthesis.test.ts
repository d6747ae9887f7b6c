import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseProgram, run } from "../../dsl/list-dsl";
import { familyConformance } from "../../testing/family-conformance";
import { assertVocabularyCovers, rate } from "../../testing/task-checks";
import { programSynthesis } from "./program-synthesis";

const task = programSynthesis.create();
const validation = task.sample("validation", 500, 1);

describe("program-synthesis", () => {
  it("shows examples the canonical program satisfies, in short sequences", () => {
    assert.equal(task.vocab.size, 49);
    assert.equal(task.contextLength(4), 4 + 36 + 6);
    assertVocabularyCovers(task, validation);
    for (const p of validation.slice(0, 100)) {
      const program = parseProgram(p.hidden.program.split(" "))!;
      assert.equal(program.length, 2);
      assert.match(p.prompt, /^([0-9 ]+ >[0-9 ]* \| ?){3}$/);
      for (const { input, output } of [...p.hidden.examples, ...p.hidden.tests]) {
        assert.deepEqual(run(program, input), { ok: true, output });
      }
    }
    assert.deepEqual(new Set(validation.map((p) => p.domain)), new Set(["order", "map", "select"]));
  });

  familyConformance(programSynthesis, {
    task,
    problems: validation,
    perSplit: 150,
    ladder: {
      weak: [0.18, 0.35],
      intermediate: [0.33, 0.8],
      gap: 0.15,
      fixedrdm: 0,
      also: ({ weak }) =>
        assert.ok(weak.score > weak.correct, "partial credit for partly right programs"),
    },
    fuzzed: 10,
  });

  it("accepts any program that passes the hidden tests and scores partial passes", () => {
    const p =
      validation.find((q) => q.hidden.program === "rev ; add 1") ??
      validation.find((q) => q.hidden.program.startsWith("sort"))!;
    const equivalent = p.hidden.program.replace("rev ; add 1", "add 1 ; rev");
    assert.equal(task.evaluate(p, `${equivalent} <eos>`).correct, true);
    assert.equal(
      task.evaluate(p, "rev ; rep 9 ; rep 9 ; rep 9 ; rep 9 ; rep 9 ; rep 9").correct,
      false,
    );
    const scores = validation.slice(0, 50).map((q) => task.evaluate(q, "sort").score);
    assert.ok(scores.every((s) => s >= 0 && s <= 1));
  });

  it("supports other program lengths", () => {
    const one = programSynthesis.create({ lines: 1, examples: 2 });
    assert.equal(one.size, 33 * 1000);
    const ps = one.sample("validation", 100, 1);
    assert.equal(rate(one, ps, one.policies.strong).correct, 1);
    assertVocabularyCovers(one, ps);
  });
});
