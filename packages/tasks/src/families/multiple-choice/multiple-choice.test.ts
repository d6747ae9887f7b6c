import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { familyConformance } from "../../testing/family-conformance";
import { assertVocabularyCovers, rate } from "../../testing/task-checks";
import { multipleChoice } from "./multiple-choice";
import { CATEGORIES, CATEGORY_NAMES } from "./spec";
import { makeFacts } from "./world";

const task = multipleChoice.create();
const validation = task.sample("validation", 2000, 1);
const facts = makeFacts(11, 40);

describe("multiple-choice", () => {
  it("asks about world facts with four options after one solved example", () => {
    assert.equal(task.vocab.size, 104);
    assert.equal(task.contextLength(4), 32);
    assertVocabularyCovers(task, validation.slice(0, 300));
    const pattern =
      /^e(\d+) (\w+) \? A (\w+) B (\w+) C (\w+) D (\w+) = ([ABCD]) \| e(\d+) (\w+) \? A (\w+) B (\w+) C (\w+) D (\w+) =$/;
    for (const p of validation.slice(0, 200)) {
      const m = pattern.exec(p.prompt);
      assert.ok(m, p.prompt);
      const [, shotEntity, category, ...rest] = m;
      assert.equal(category, p.domain);
      const values = CATEGORIES[p.domain as keyof typeof CATEGORIES] as readonly string[];
      const c = CATEGORY_NAMES.indexOf(p.domain as (typeof CATEGORY_NAMES)[number]);
      // The shot's marked answer and the strong answer are the world's facts.
      const shotOptions = rest.slice(0, 4);
      const shotLetter = rest[4]!;
      assert.equal(shotOptions["ABCD".indexOf(shotLetter)], values[facts[Number(shotEntity)]![c]!]);
      const options = rest.slice(7, 11);
      assert.equal(new Set(options).size, 4);
      const letter = task.policies.strong(p)[0]!;
      assert.equal(options["ABCD".indexOf(letter)], values[facts[Number(rest[5])]![c]!]);
      assert.notEqual(rest[5], shotEntity);
    }
  });

  it("spreads answers evenly over the letters and the domains", () => {
    const letters = new Map<string, number>();
    for (const p of validation)
      letters.set(task.policies.strong(p), (letters.get(task.policies.strong(p)) ?? 0) + 1);
    for (const n of letters.values()) assert.ok(Math.abs(n / validation.length - 0.25) < 0.04);
    assert.deepEqual(new Set(validation.map((p) => p.domain)), new Set(CATEGORY_NAMES));
  });

  familyConformance(multipleChoice, {
    task,
    problems: validation,
    perSplit: 300,
    ladder: { weak: [0.3, 0.5], intermediate: [0.45, 0.85], gap: 0.15, fixedrdm: 0.1 },
    fuzzed: 20,
  });

  it("draws other facts under another world seed", () => {
    const other = multipleChoice.create({ worldSeed: 12 });
    // The answer letter is fixed by the variant; the facts (so the option values) change.
    const prompts = (t: typeof task) => validation.slice(0, 50).map((p) => t.problem(p.id)?.prompt);
    assert.notDeepEqual(prompts(other), prompts(task), "another world, other facts");
  });

  it("reads only the first token and survives garbage", () => {
    const p = validation[0]!;
    const letter = task.policies.strong(p)[0]!;
    assert.equal(task.evaluate(p, `${letter} junk`).correct, true);
    assert.equal(task.evaluate(p, `  ${letter}`).correct, true);
    assert.equal(task.evaluate(p, `<eos> ${letter}`).correct, false);
    assert.equal(task.evaluate(p, `${letter.toLowerCase()}`).correct, false);
  });

  it("scales the world by configuration", () => {
    const small = multipleChoice.create({ entities: 8 });
    assert.equal(small.vocab.size, 104 - 32);
    assert.equal(small.size, 4 * 8 * 35 * 24);
    const ps = small.sample("validation", 200, 3);
    assert.equal(rate(small, ps, small.policies.strong).correct, 1);
    assert.throws(() => multipleChoice.create({ entities: 100 }));
  });
});
