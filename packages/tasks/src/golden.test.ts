// Pins a few problems of every family's default configuration. If this fails, generation,
// splits or policies changed: bump the family's version N (results are no longer comparable)
// and update the pins (print them with the snippet at the bottom).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { listTaskFamilies } from "./registry";

const GOLDEN: Record<string, { version: string; problems: string[][] }> = {
  "function-composition": {
    version: "1-0",
    problems: [
      ["fc.345591", "| fn1 fn2 | 5 5 9 1 |", "4 2 5 5 | 1 5 4 1 <eos>", "4 2 5 5 | 1 5 4 1 <eos>"],
      [
        "fc.8008333",
        "| fn25 fn0 | 8 3 3 3 |",
        "1 6 6 6 | 9 8 8 8 <eos>",
        "8 3 3 3 | 8 3 3 3 <eos>",
      ],
    ],
  },
  arithmetic: {
    version: "1-0",
    problems: [
      [
        "sub3.46114",
        "4 0 3 - 1 5 8 =",
        "3 8 0 5 ; 0 5 1 4 ; 4 1 1 2 ; = 2 4 5 <eos>",
        "3 8 0 5 ; 0 5 0 5 ; 4 1 0 3 ; = 3 5 5 <eos>",
      ],
      [
        "add3.249854",
        "3 7 7 + 6 5 4 =",
        "7 4 0 1 ; 7 5 1 3 ; 3 6 1 0 ; 0 0 1 1 ; = 1 0 3 1 <eos>",
        "7 4 0 1 ; 7 5 0 2 ; 3 6 0 9 ; = 9 2 1 <eos>",
      ],
    ],
  },
  "multiple-choice": {
    version: "1-0",
    problems: [
      [
        "city.994",
        "e7 city ? A tokyo B delhi C quito D lima = C | e1 city ? A paris B delhi C rome D lima =",
        "C <eos>",
        "A <eos>",
      ],
      [
        "city.26103",
        "e33 city ? A tokyo B delhi C cairo D paris = C | e31 city ? A rome B paris C delhi D cairo =",
        "D <eos>",
        "B <eos>",
      ],
    ],
  },
  "program-synthesis": {
    version: "1-0",
    problems: [
      [
        "select.132266",
        "6 0 4 6 0 > 2 2 | 2 8 2 0 8 > 6 6 | 8 5 9 5 8 > 6 5 3 5 6 |",
        "gt 4 ; mul 7 <eos>",
        "gt 4 ; add 6 <eos>",
      ],
      [
        "order.43328",
        "7 8 8 6 9 > 8 1 4 4 7 | 5 0 2 1 > 0 3 6 5 | 8 5 4 3 > 9 2 5 4 |",
        "sort ; mul 3 <eos>",
        "rev ; mul 3 <eos>",
      ],
    ],
  },
  "code-critique": {
    version: "1-1",
    problems: [
      [
        "map.112120",
        "2 5 9 0 5 > 4 9 | 6 9 3 0 > 4 | L1 gt 5 L2 drop 3 L3 take 2 |",
        "L1 op add 4 <eos>",
        "L3 arg take 3 <eos>",
      ],
      [
        "select.58984",
        "4 5 6 8 > 2 | 7 2 1 6 7 > 8 | L1 take 2 L2 gt 6 L3 mul 4 |",
        "L1 arg take 4 <eos>",
        "L1 arg take 4 <eos>",
      ],
    ],
  },
};

describe("golden problems", () => {
  it("covers every registered family", () => {
    assert.deepEqual(
      listTaskFamilies()
        .map((f) => f.id)
        .sort(),
      Object.keys(GOLDEN).sort(),
    );
  });
  for (const family of listTaskFamilies()) {
    it(`${family.id} still generates the pinned problems`, () => {
      const task = family.create();
      const pinned = GOLDEN[family.id]!;
      assert.equal(task.version, pinned.version);
      const actual = task
        .sample("validation", 2, 0)
        .map((p) => [p.id, p.prompt, task.policies.strong(p), task.policies.weak(p)]);
      assert.deepEqual(actual, pinned.problems);
    });
  }
});

// To print new pins:
//   for (const f of listTaskFamilies()) { const t = f.create(); console.log(f.id,
//     t.sample("validation", 2, 0).map((p) => [p.id, p.prompt, t.policies.strong(p), t.policies.weak(p)])); }
