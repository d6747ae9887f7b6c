import { buildTask, type Stratum } from "../../core/build-task";
import { readCompletion } from "../../core/completion";
import { hashString } from "../../core/random";
import type { Problem, Task, TaskFamily } from "../../core/types";
import { Vocabulary } from "../../core/vocabulary";
import { arithmeticConfig, arithmeticSpec, type ArithmeticConfig, type Operation } from "./spec";
import { NO_MISTAKES, renderSolution, solve, type Mistakes } from "./worked-solution";

export interface ArithmeticHidden {
  op: Operation;
  level: number;
  a: number;
  b: number;
  answer: number;
}
export type ArithmeticProblem = Problem<ArithmeticHidden>;

const SYMBOL: Record<Operation, string> = { addition: "+", subtraction: "-", multiplication: "*" };
const PREFIX: Record<Operation, string> = {
  addition: "add",
  subtraction: "sub",
  multiplication: "mul",
};

/** Reserved block, 0-9, + - * = ; (36 tokens). */
export const arithmeticVocab = new Vocabulary([
  ...Array.from({ length: 10 }, (_, d) => String(d)),
  "+",
  "-",
  "*",
  "=",
  ";",
]);

/** Smallest and largest L-digit operand (level 1 includes 0). */
const bounds = (level: number): [number, number] => [
  level === 1 ? 0 : 10 ** (level - 1),
  10 ** level - 1,
];

/** Operands of problem `index` in the (op, level) block; subtraction pairs have a >= b. */
function operands(op: Operation, level: number, index: number): [number, number] {
  const [lo, hi] = bounds(level);
  const n = hi - lo + 1;
  if (op === "addition") return [lo + Math.floor(index / n), lo + (index % n)];
  if (op === "multiplication") return [lo + Math.floor(index / 8), 2 + (index % 8)];
  // Triangular index: row i holds the pairs (i, 0..i).
  let i = Math.floor((Math.sqrt(8 * index + 1) - 1) / 2);
  while ((i * (i + 1)) / 2 > index) i--;
  while (((i + 1) * (i + 2)) / 2 <= index) i++;
  return [lo + i, lo + index - (i * (i + 1)) / 2];
}

function blockSize(op: Operation, level: number): number {
  const [lo, hi] = bounds(level);
  const n = hi - lo + 1;
  return op === "addition" ? n * n : op === "subtraction" ? (n * (n + 1)) / 2 : n * 8;
}

const digits = (n: number) => String(n).split("").join(" ");

export function createArithmetic(config: ArithmeticConfig): Task<ArithmeticProblem> {
  const blocks = config.operations.flatMap((op) =>
    Array.from({ length: config.maxLevel }, (_, i) => ({ op, level: i + 1 })),
  );
  const strata: Stratum[] = blocks.map(({ op, level }) => ({
    name: `${PREFIX[op]}${level}`,
    size: blockSize(op, level),
    domain: op,
  }));
  const L = config.maxLevel;
  const policy = (mistakes: Mistakes) => (p: ArithmeticProblem) =>
    renderSolution(solve(p.hidden.op, p.hidden.a, p.hidden.b, mistakes));
  const strong = policy(NO_MISTAKES);

  return buildTask<ArithmeticProblem>({
    spec: arithmeticSpec,
    config,
    vocab: arithmeticVocab,
    splitSalt: hashString("arithmetic/1"),
    fixedRdmSeed: hashString("arithmetic/fixedrdm"),
    strata,
    maxPromptTokens: 2 * L + 2,
    // Addition: L + 1 columns of 5 tokens, '=', L + 1 answer digits, <eos>.
    maxCompletionTokens: 5 * (L + 1) + 1 + (L + 1) + 1,
    generate(stratum, index, id) {
      const { op, level } = blocks[stratum] ?? { op: "addition", level: 1 };
      const [a, b] = operands(op, level, index);
      const answer = op === "addition" ? a + b : op === "subtraction" ? a - b : a * b;
      return {
        id,
        domain: op,
        prompt: `${digits(a)} ${SYMBOL[op]} ${digits(b)} =`,
        hidden: { op, level, a, b, answer },
      };
    },
    strong,
    weak: policy({ dropAddSubCarries: true, dropMultiplyCarries: true }),
    intermediate: policy({ dropAddSubCarries: false, dropMultiplyCarries: true }),
    evaluate(problem, completion) {
      const reference = strong(problem).split(" ");
      const read = readCompletion(completion, 4 * reference.length);
      const eq = read.tokens.lastIndexOf("=");
      const answer = eq < 0 ? [] : read.tokens.slice(eq + 1);
      const correct =
        answer.length > 0 &&
        answer.length <= 8 &&
        answer.every((t) => /^[0-9]$/.test(t)) &&
        Number(answer.join("")) === problem.hidden.answer;
      // Steps: ';'-terminated groups before the '='.
      const written = (eq < 0 ? read.tokens : read.tokens.slice(0, eq)).join(" ").split(";");
      const expected = reference.slice(0, reference.indexOf("=")).join(" ").split(";");
      const stepCount = expected.length - 1;
      let stepsRight = 0;
      for (let k = 0; k < stepCount; k++) {
        if (written[k]?.trim() === expected[k]?.trim()) stepsRight++;
      }
      const extraSteps = Math.max(0, written.length - expected.length);
      const stepScore = Math.max(0, stepsRight - extraSteps) / Math.max(1, stepCount);
      return { correct, score: 0.5 * (correct ? 1 : 0) + 0.5 * stepScore };
    },
  });
}

export const arithmetic: TaskFamily<ArithmeticConfig, ArithmeticProblem> = {
  ...arithmeticSpec,
  configSchema: arithmeticConfig,
  defaultConfig: arithmeticConfig.parse({}),
  create: (config) => createArithmetic(arithmeticConfig.parse(config ?? {})),
};
