import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { splitTokens } from "../core/vocabulary";
import { DEFAULT_LIMITS, parseProgram, run } from "./list-dsl";
import { canonicalPrograms, GENERATED_LINES } from "./programs";

const runText = (text: string, input: number[]) => {
  const program = parseProgram(splitTokens(text));
  return program ? run(program, input) : { ok: false as const, error: "parse" };
};

describe("list DSL", () => {
  it("runs each instruction", () => {
    const xs = [3, 1, 4, 1, 5];
    const cases: [string, number[]][] = [
      ["rev", [5, 1, 4, 1, 3]],
      ["sort", [1, 1, 3, 4, 5]],
      ["rot", [1, 4, 1, 5, 3]],
      ["add 7", [0, 8, 1, 8, 2]],
      ["mul 3", [9, 3, 2, 3, 5]],
      ["take 2", [3, 1]],
      ["drop 2", [4, 1, 5]],
      ["gt 3", [4, 5]],
      ["dup", [3, 3, 1, 1, 4, 4, 1, 1, 5, 5]],
      ["add 1 ; rep 2", [6, 4, 7, 4, 8]],
      ["sort ; rev ; take 3", [5, 4, 3]],
    ];
    for (const [text, expected] of cases)
      assert.deepEqual(runText(text, xs), { ok: true, output: expected }, text);
  });

  it("parses strictly", () => {
    for (const bad of [
      "",
      ";",
      "rev 1",
      "add",
      "add 10",
      "add x",
      "foo",
      "rev ;",
      "; rev",
      "rev rev",
      "L1 rev",
    ]) {
      assert.equal(parseProgram(splitTokens(bad)), undefined, bad);
    }
    assert.equal(parseProgram(splitTokens(Array(17).fill("rev").join(" ; "))), undefined);
    assert.deepEqual(parseProgram(splitTokens("take 0 ; gt 9")), [
      { op: "take", arg: 0 },
      { op: "gt", arg: 9 },
    ]);
  });

  it("terminates on hostile programs within the limits", () => {
    const start = performance.now();
    const hostile = [
      "dup ; rep 9", // exponential growth: size limit
      "rev ; rep 9 ; rep 9 ; rep 9 ; rep 9 ; rep 9 ; rep 9 ; rep 9 ; rep 9 ; rep 9 ; rep 9 ; rep 9 ; rep 9 ; rep 9 ; rep 9 ; rep 9",
      "rev ; rep 0 ; rep 9 ; rep 9 ; rep 9 ; rep 9 ; rep 9 ; rep 9 ; rep 9 ; rep 9 ; rep 9 ; rep 9 ; rep 9 ; rep 9 ; rep 9 ; rep 9",
      "dup ; dup ; dup ; dup ; dup ; dup ; dup ; dup",
      "rep 9",
      "rep 9 ; rep 9",
    ];
    for (const text of hostile) {
      const result = runText(text, [1, 2, 3, 4, 5, 6]);
      assert.equal(result.ok, false, text);
    }
    // A long but legal run stays legal.
    assert.equal(runText("add 1 ; rep 9 ; rep 9", [1, 2]).ok, true);
    assert.ok(performance.now() - start < 2000);
    assert.ok(DEFAULT_LIMITS.maxWork <= 10_000);
  });

  it("enumerates canonical programs with distinct behaviors", () => {
    assert.equal(GENERATED_LINES.length, 33);
    const two = canonicalPrograms(2);
    const all = Object.values(two).flat();
    assert.ok(all.length > 400 && all.length < 1089);
    assert.equal(canonicalPrograms(2), two, "cached");
    const inputs = [
      [3, 1, 4, 1, 5, 9],
      [2, 7, 1, 8],
      [0, 5, 5, 3, 9, 9],
      [6, 2, 8],
    ];
    // Distinct programs behave differently somewhere (checked on a sample of pairs).
    const key = (p: (typeof all)[number]) => inputs.map((x) => JSON.stringify(run(p, x))).join("/");
    const keys = new Set(all.map(key));
    assert.ok(keys.size > all.length * 0.8);
  });
});
