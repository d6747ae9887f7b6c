import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getTaskFamily } from "../../registry";
import { familyConformance } from "../../testing/family-conformance";
import { assertVocabularyCovers, rate } from "../../testing/task-checks";
import { functionComposition } from "./function-composition";

const task = functionComposition.create();
const validation = task.sample("validation", 2000, 1);

describe("function-composition", () => {
  it("has the reference format, vocabulary and context", () => {
    assert.equal(task.vocab.size, 64);
    assert.equal(task.contextLength(4), 23);
    const p = validation[0]!;
    assert.match(p.prompt, /^\| fn\d+ fn\d+ \| \d \d \d \d \|$/);
    assert.match(task.policies.strong(p), /^\d \d \d \d \| \d \d \d \d <eos>$/);
    assertVocabularyCovers(task, validation.slice(0, 200));
    assert.equal(task.size, 32 * 32 * 10_000);
  });

  it("gives the documented example (docs/tasks.md)", () => {
    const p = task.problem(`fc.${(3 * 32 + 5) * 10_000 + 1618}`)!;
    assert.equal(p.prompt, "| fn3 fn5 | 1 6 1 8 |");
    assert.equal(task.policies.strong(p), "7 5 7 9 | 0 1 0 4 <eos>");
    assert.equal(task.policies.weak(p), "1 6 1 8 | 5 7 5 2 <eos>");
  });

  it("applies the functions in order and writes each intermediate result", () => {
    const p = validation[0]!;
    const [first, second] = task.policies.strong(p).replace(" <eos>", "").split(" | ");
    const alone = (fn: number, input: string) =>
      functionComposition
        .create({ compositionLength: 1 })
        .policies.strong({
          ...p,
          hidden: { fns: [fn], input: input.split(" ").map(Number), steps: [] },
        })
        .replace(" <eos>", "");
    assert.equal(alone(p.hidden.fns[0]!, p.hidden.input.join(" ")), first);
    assert.equal(alone(p.hidden.fns[1]!, first!), second);
  });

  familyConformance(functionComposition, {
    task,
    problems: validation,
    perSplit: 300,
    ladder: { weak: [0.2, 0.32], intermediate: [0.45, 0.7], fixedrdm: 0.01 },
    fuzzed: 20,
  });

  it("keeps the prompts and changes the functions under another world seed", () => {
    const other = functionComposition.create({ worldSeed: 8 });
    const p = validation[0]!;
    assert.equal(other.problem(p.id)?.prompt, p.prompt);
    assert.notDeepEqual(
      validation.slice(0, 20).map((q) => other.policies.strong(other.problem(q.id)!)),
      validation.slice(0, 20).map((q) => task.policies.strong(q)),
    );
  });

  it("uses one fixed fixedrdm distribution over the task's own symbols", () => {
    const d = task.fixedRdmDistribution;
    assert.ok(Math.abs(d.reduce((a, b) => a + b, 0) - 1) < 1e-9);
    assert.ok(d.slice(0, 21).every((x) => x === 0));
    assert.equal(task.policies.fixedrdm(validation[3]!), task.policies.fixedrdm(validation[3]!));
  });

  it("scores correct final results, partial credit and garbage", () => {
    const p = validation[0]!;
    const [a, b] = p.hidden.steps.map((s) => s.join(" "));
    assert.equal(task.evaluate(p, `${a} | ${b} <eos> junk`).correct, true);
    assert.equal(task.evaluate(p, `${a} | ${b}`).correct, true, "missing <eos> is tolerated");
    assert.equal(task.evaluate(p, `${a} | ${b} | ${b} <eos>`).correct, false);
    assert.equal(task.evaluate(p, `${b} <eos>`).correct, false);
    const partial = task.evaluate(p, `${a} | 0 0 0 0 <eos>`).score;
    assert.ok(partial >= 0.5 && partial < 1);
  });

  it("validates configuration and supports longer compositions", () => {
    assert.throws(() => functionComposition.create({ compositionLenght: 3 }));
    assert.throws(() => functionComposition.create({ compositionLength: 9 }));
    const three = getTaskFamily("function-composition").create({ compositionLength: 3 });
    assert.equal(three.contextLength(4), 4 + 10 + 15);
    const ps = three.sample("validation", 300, 1);
    assert.equal(rate(three, ps, three.policies.strong).correct, 1);
    assert.ok(rate(three, ps, three.policies.weak).correct < 0.2);
  });

  it("rejects malformed ids", () => {
    for (const id of ["", "fc", "fc.", "fc.-1", "fc.1e3", "fc.10240000", "xx.1", "fc.1.2"]) {
      assert.equal(task.problem(id), undefined, id);
      assert.equal(task.splitOf(id), undefined, id);
    }
  });
});
