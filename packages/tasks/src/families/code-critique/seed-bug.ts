import type { Rng } from "../../core/random";
import { sameList, type Line, type Program } from "../../dsl/list-dsl";
import { GENERATED_ARGS, GENERATED_LINES, randomList, runGenerated } from "../../dsl/programs";
import type { Fault } from "./spec";

export interface SeededBug {
  buggy: Program;
  /** 0-based index of the faulty line. */
  line: number;
  fault: Fault;
  examples: number[][];
}

const differs = (a: Program, b: Program, inputs: readonly number[][]) =>
  inputs.some((x) => !sameList(runGenerated(a, x), runGenerated(b, x)));

function corrupt(rng: Rng, line: Line, argFaultShare: number): { line: Line; fault: Fault } {
  const args =
    line.arg === undefined ? [] : (GENERATED_ARGS[line.op] ?? []).filter((a) => a !== line.arg);
  if (args.length > 0 && rng.next() < argFaultShare) {
    return { line: { op: line.op, arg: rng.pick(args) }, fault: "arg" };
  }
  return { line: rng.pick(GENERATED_LINES.filter((l) => l.op !== line.op)), fault: "op" };
}

/**
 * One bug in `program`, visible in the examples and caught by the tests. Examples and bug are
 * redrawn together until both hold (bounded; the last draw is kept otherwise).
 */
export function seedBug(
  program: Program,
  rng: Rng,
  exampleCount: number,
  tests: readonly number[][],
  argFaultShare: number,
): SeededBug {
  let bug: SeededBug | undefined;
  for (let attempt = 0; attempt < 50; attempt++) {
    const examples = Array.from({ length: exampleCount }, () => randomList(rng, 4, 5));
    const line = rng.int(program.length);
    const { line: wrong, fault } = corrupt(rng, program[line] ?? { op: "rev" }, argFaultShare);
    const buggy = program.map((l, i) => (i === line ? wrong : l));
    bug = { buggy, line, fault, examples };
    if (differs(buggy, program, examples) && differs(buggy, program, tests)) break;
  }
  return bug as SeededBug;
}
