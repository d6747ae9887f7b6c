// The generated part of the list DSL: which lines generators use, the canonical programs (one
// per behavior), and inputs.
import { Rng, hashInts, mix32 } from "../core/random";
import {
  INSTRUCTIONS,
  KINDS,
  type InstructionDef,
  renderLine,
  sameList,
  type Kind,
  type Line,
  type Program,
} from "./list-dsl";

const range = (lo: number, hi: number) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);

/** Arguments generators use per instruction (programs may use any digit). */
export const GENERATED_ARGS: Partial<Record<Line["op"], number[]>> = {
  add: range(1, 9),
  mul: range(2, 9),
  take: range(1, 4),
  drop: range(1, 3),
  gt: range(2, 7),
};

/** The 33 lines generators draw from. */
export const GENERATED_LINES: readonly Line[] = [
  { op: "rev" },
  { op: "sort" },
  { op: "rot" },
  ...(["add", "mul", "take", "drop", "gt"] as const).flatMap((op) =>
    (GENERATED_ARGS[op] ?? []).map((arg) => ({ op, arg })),
  ),
];

const def = (line: Line): InstructionDef => INSTRUCTIONS[line.op];
export const kindOf = (line: Line): Kind => def(line).kind ?? "order";
export const lineIndex = (line: Line): number =>
  GENERATED_LINES.findIndex((l) => renderLine(l) === renderLine(line));

/** A random list of digits with a length in [minLength, maxLength]. */
export function randomList(rng: Rng, minLength: number, maxLength: number): number[] {
  return Array.from({ length: rng.range(minLength, maxLength) }, () => rng.int(10));
}

const PROBES: number[][] = (() => {
  const rng = new Rng(0x9b0be);
  return Array.from({ length: 32 }, (_, i) => randomList(rng, i < 4 ? i : 3, 6));
})();

const applyLine = (line: Line, xs: number[]): number[] =>
  def(line).apply?.(xs, line.arg ?? 0) ?? xs;

/**
 * Run a program of generated lines without the sandbox (they never grow a list or loop). Only
 * for trusted, generated programs; model output goes through `run`.
 */
export const runGenerated = (program: Program, xs: number[]): number[] =>
  program.reduce((acc, line) => applyLine(line, acc), xs);

const cache = new Map<number, Record<Kind, Program[]>>();

/**
 * Programs of exactly `lines` generated lines, one per behavior on a fixed probe set, leaving
 * out any behavior a shorter program (or doing nothing) already has; grouped by the kind of the
 * first line. Enumeration order is fixed, so indices are stable. Only behaviors new at length
 * n - 1 are extended: an extension of a redundant prefix is redundant too.
 */
export function canonicalPrograms(lines: number): Record<Kind, Program[]> {
  const cached = cache.get(lines);
  if (cached) return cached;
  // Two independent 32-bit hashes of the outputs (list lengths included): cheap and, for ~10^4
  // behaviors, collision-free in practice.
  const key = (outputs: number[][]) => {
    let a = 0x12345;
    let b = 0x6789a;
    for (const xs of outputs) {
      a = mix32(a ^ (xs.length + 11));
      b = mix32(b + xs.length * 0x9e3779b1);
      for (const x of xs) {
        a = mix32(a ^ x);
        b = mix32((b + x + 0x7f4a7c15) >>> 0);
      }
    }
    return `${a}:${b}`;
  };
  const seen = new Set<string>([key(PROBES)]);
  const byKind: Record<Kind, Program[]> = { order: [], map: [], select: [] };
  let frontier: { program: Program; outputs: number[][] }[] = [{ program: [], outputs: PROBES }];
  for (let length = 1; length <= lines; length++) {
    const next: typeof frontier = [];
    for (const { program: prefix, outputs: before } of frontier) {
      for (const line of GENERATED_LINES) {
        const outputs = before.map((xs) => applyLine(line, xs));
        const k = key(outputs);
        if (seen.has(k)) continue;
        seen.add(k);
        const program = [...prefix, line];
        next.push({ program, outputs });
        if (length === lines) byKind[kindOf(program[0] ?? line)].push(program);
      }
    }
    frontier = next;
  }
  cache.set(lines, byKind);
  return byKind;
}

/** Programs one line away from `program`, plus every one-line program. */
export function neighbors(program: Program): Program[] {
  const out: Program[] = GENERATED_LINES.map((l) => [l]);
  program.forEach((_, i) => {
    for (const line of GENERATED_LINES) out.push(program.map((l, j) => (j === i ? line : l)));
  });
  return out;
}

/** True when generated programs `a` and `b` give the same output on every input. */
export function agreeOn(a: Program, b: Program, inputs: readonly number[][]): boolean {
  return inputs.every((x) => sameList(runGenerated(a, x), runGenerated(b, x)));
}

/** A seeded map from each generated line to another line of the same kind (a confusion). */
export function confusions(seed: number): Map<string, Line> {
  const rng = new Rng(hashInts(seed, 0xc0f));
  const map = new Map<string, Line>();
  for (const kind of KINDS) {
    const group = GENERATED_LINES.filter((l) => kindOf(l) === kind);
    const shuffled = rng.shuffle(group);
    // A cyclic shift of a shuffled group: every line maps to a different line of its kind.
    shuffled.forEach((line, i) =>
      map.set(renderLine(line), shuffled[(i + 1) % shuffled.length] ?? line),
    );
  }
  return map;
}

/** A seeded subset of `count` generated lines; subsets for smaller counts are prefixes. */
export function knownLines(seed: number, count: number): Set<string> {
  const order = new Rng(hashInts(seed, 0x1e)).shuffle(GENERATED_LINES.map(renderLine));
  return new Set(order.slice(0, count));
}
