// The list DSL shared by program-synthesis and code-critique (documented in docs/tasks.md).
// A program is lines separated by ';'; each line is an instruction applied to the current list
// of digits. The interpreter runs untrusted model output, so it parses strictly and enforces a
// work budget and a size limit: every run terminates quickly, whatever the program.

export const KINDS = ["order", "map", "select"] as const;
export type Kind = (typeof KINDS)[number];

export interface InstructionDef {
  /** Whether the instruction takes one digit argument. */
  arg: boolean;
  /** undefined: not used by the generators (still valid in programs). */
  kind?: Kind;
  apply?: (xs: number[], k: number) => number[];
}

export const INSTRUCTIONS = {
  rev: { arg: false, kind: "order", apply: (xs) => xs.slice().reverse() },
  sort: { arg: false, kind: "order", apply: (xs) => xs.slice().sort((a, b) => a - b) },
  rot: { arg: false, kind: "order", apply: (xs) => [...xs.slice(1), ...xs.slice(0, 1)] },
  add: { arg: true, kind: "map", apply: (xs, k) => xs.map((x) => (x + k) % 10) },
  mul: { arg: true, kind: "map", apply: (xs, k) => xs.map((x) => (x * k) % 10) },
  take: { arg: true, kind: "select", apply: (xs, k) => xs.slice(0, k) },
  drop: { arg: true, kind: "select", apply: (xs, k) => xs.slice(k) },
  gt: { arg: true, kind: "select", apply: (xs, k) => xs.filter((x) => x > k) },
  dup: { arg: false, apply: (xs) => xs.flatMap((x) => [x, x]) },
  // rep k: run the previous line k more times (handled by the interpreter).
  rep: { arg: true },
} satisfies Record<string, InstructionDef>;

export type Op = keyof typeof INSTRUCTIONS;
export const OPS = Object.keys(INSTRUCTIONS) as Op[];

export interface Line {
  op: Op;
  /** The digit argument, for instructions that take one. */
  arg?: number;
}
export type Program = Line[];

export const lineTokens = (line: Line): string[] =>
  line.arg === undefined ? [line.op] : [line.op, String(line.arg)];
export const renderLine = (line: Line): string => lineTokens(line).join(" ");
/** `add 3 ; rev` */
export const renderProgram = (program: Program): string => program.map(renderLine).join(" ; ");

const isOp = (t: string | undefined): t is Op => t !== undefined && Object.hasOwn(INSTRUCTIONS, t);

/** Parse one line's tokens (`op` or `op d`); undefined when malformed. */
export function parseLine(tokens: readonly string[]): Line | undefined {
  const [op, arg, ...rest] = tokens;
  if (!isOp(op) || rest.length > 0) return undefined;
  if (!INSTRUCTIONS[op].arg) return arg === undefined ? { op } : undefined;
  return arg !== undefined && /^[0-9]$/.test(arg) ? { op, arg: Number(arg) } : undefined;
}

export const MAX_LINES = 16;

/** Parse `;`-separated lines; undefined for any malformed line or more than MAX_LINES. */
export function parseProgram(tokens: readonly string[]): Program | undefined {
  const program: Program = [];
  let current: string[] = [];
  for (const t of [...tokens, ";"]) {
    if (t !== ";") {
      current.push(t);
      continue;
    }
    const line = parseLine(current);
    if (!line || program.length >= MAX_LINES) return undefined;
    program.push(line);
    current = [];
  }
  return program.length > 0 ? program : undefined;
}

export interface Limits {
  /** Work budget: each instruction costs 1 + the length of its input list. */
  maxWork: number;
  /** Longest list allowed at any point. */
  maxLength: number;
}
export const DEFAULT_LIMITS: Limits = { maxWork: 5_000, maxLength: 64 };

export type RunResult = { ok: true; output: number[] } | { ok: false; error: string };

class LimitError extends Error {}

/** Run `program` on `input` within `limits`. Never throws. */
export function run(
  program: Program,
  input: readonly number[],
  limits = DEFAULT_LIMITS,
): RunResult {
  let work = 0;
  const exec = (index: number, xs: number[]): number[] => {
    const line = program[index];
    if (!line) throw new LimitError("no such line");
    if (line.op === "rep") {
      // The previous line is itself a line: a rep of a rep multiplies, bounded by the budget.
      let out = xs;
      for (let i = 0; i < (line.arg ?? 0); i++) {
        // Every repetition costs work too, or `rep 0` under nested reps would spin for free.
        if (++work > limits.maxWork) throw new LimitError("work budget exceeded");
        out = exec(index - 1, out);
      }
      return out;
    }
    work += 1 + xs.length;
    if (work > limits.maxWork) throw new LimitError("work budget exceeded");
    const def: InstructionDef = INSTRUCTIONS[line.op];
    const out = def.apply ? def.apply(xs, line.arg ?? 0) : xs;
    if (out.length > limits.maxLength) throw new LimitError("list too long");
    return out;
  };
  try {
    if (program.length > MAX_LINES) return { ok: false, error: "too many lines" };
    let xs = input.slice();
    for (let i = 0; i < program.length; i++) {
      if (program[i]?.op === "rep" && i === 0) return { ok: false, error: "rep on the first line" };
      xs = exec(i, xs);
    }
    return { ok: true, output: xs };
  } catch (e) {
    return { ok: false, error: e instanceof LimitError ? e.message : "runtime error" };
  }
}

export const sameList = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);
