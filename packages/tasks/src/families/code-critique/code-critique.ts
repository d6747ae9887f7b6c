import { buildTask } from "../../core/build-task";
import { readCompletion } from "../../core/completion";
import { Rng, hashInts, hashString } from "../../core/random";
import type { Problem, Task, TaskFamily } from "../../core/types";
import { EOS } from "../../core/vocabulary";
import { dslVocab } from "../../dsl/dsl-vocab";
import { KINDS, parseLine, parseProgram, renderLine, type Line } from "../../dsl/list-dsl";
import { canonicalPrograms, kindOf, randomList, runGenerated } from "../../dsl/programs";
import { passRate, renderExamples, type IoPair } from "../program-synthesis/program-synthesis";
import { seedBug } from "./seed-bug";
import {
  FAULTS,
  codeCritiqueConfig,
  codeCritiqueSpec,
  type CodeCritiqueConfig,
  type Fault,
} from "./spec";

export interface CodeCritiqueHidden {
  /** The correct program. */
  program: string;
  /** The program shown, lines separated by ';'. */
  buggy: string;
  /** 0-based faulty line. */
  line: number;
  fault: Fault;
  /** The correct line. */
  fix: string;
  examples: IoPair[];
  tests: IoPair[];
}
export type CodeCritiqueProblem = Problem<CodeCritiqueHidden>;

/** Variants (examples, tests, bug) per program. */
const VARIANTS = 100;
// The one-line instance has only 33 programs: 100 variants would leave 660 validation problems,
// fewer than a lock recipe evaluates on.
const ONE_LINE_VARIANTS = 1000;

const label = (i: number) => `L${i + 1}`;
const critique = (line: number, fault: Fault, fix: Line) =>
  `${label(line)} ${fault} ${renderLine(fix)} ${EOS}`;

export function createCodeCritique(config: CodeCritiqueConfig): Task<CodeCritiqueProblem> {
  const programs = canonicalPrograms(config.lines);
  const variants = config.lines === 1 ? ONE_LINE_VARIANTS : VARIANTS;
  const parse = (text: string) => parseProgram(text.split(" ")) ?? [];

  const strong = (p: CodeCritiqueProblem) =>
    critique(p.hidden.line, p.hidden.fault, parse(p.hidden.fix)[0] ?? { op: "rev" });
  // π_weak's mistake: it takes a wrong instruction for a wrong argument and blames the last
  // line that has one (else the last line), saying "arg" and proposing that argument plus one.
  const blameAnArgument = (p: CodeCritiqueProblem) => {
    const buggy = parse(p.hidden.buggy);
    const withArg = buggy.map((l, i) => (l.arg === undefined ? -1 : i)).filter((i) => i >= 0);
    const line = withArg.at(-1) ?? buggy.length - 1;
    const target = buggy[line] ?? { op: "rev" };
    const fix = target.arg === undefined ? target : { op: target.op, arg: (target.arg + 1) % 10 };
    return critique(line, "arg", fix);
  };

  // π_intermediate also catches a wrong instruction when it is on the first line. In a one-line
  // program every fault is, so there it catches one only when the examples show it plainly: the
  // shown program gives an output of the wrong length.
  const catchesOp = (p: CodeCritiqueProblem) => {
    if (config.lines > 1) return p.hidden.line === 0;
    const buggy = parse(p.hidden.buggy);
    return p.hidden.examples.some((e) => runGenerated(buggy, e.input).length !== e.output.length);
  };

  return buildTask<CodeCritiqueProblem>({
    spec: codeCritiqueSpec,
    config,
    vocab: dslVocab,
    splitSalt: hashString("code-critique/1"),
    fixedRdmSeed: hashInts(config.seed, 0x6d),
    // Strata: the kind of the correct program's first line; the domain is the faulty line's kind.
    strata: KINDS.map((kind) => ({ name: kind, size: programs[kind].length * variants })),
    maxPromptTokens: 12 * config.examples + 3 * config.lines + 1,
    maxCompletionTokens: 5,
    generate(stratum, index, id) {
      const program = programs[KINDS[stratum] ?? "order"][Math.floor(index / variants)] ?? [];
      const rng = new Rng(hashInts(config.seed, stratum, index));
      const testInputs = Array.from({ length: config.tests }, () => randomList(rng, 3, 6));
      const bug = seedBug(program, rng, config.examples, testInputs, config.argFaultShare);
      const io = (x: number[]): IoPair => ({ input: x, output: runGenerated(program, x) });
      const examples = bug.examples.map(io);
      const correctLine = program[bug.line] ?? { op: "rev" };
      const listing = bug.buggy.map((l, i) => `${label(i)} ${renderLine(l)}`).join(" ");
      return {
        id,
        domain: kindOf(correctLine),
        prompt: `${renderExamples(examples)} ${listing} |`,
        hidden: {
          program: program.map(renderLine).join(" ; "),
          buggy: bug.buggy.map(renderLine).join(" ; "),
          line: bug.line,
          fault: bug.fault,
          fix: renderLine(correctLine),
          examples,
          tests: testInputs.map(io),
        },
      };
    },
    strong,
    weak: (p) => (p.hidden.fault === "arg" ? strong(p) : blameAnArgument(p)),
    intermediate: (p) =>
      p.hidden.fault === "arg" || catchesOp(p) ? strong(p) : blameAnArgument(p),
    evaluate(problem, completion) {
      const { tokens, overflow } = readCompletion(completion, 4);
      const { line, fault, tests, buggy } = problem.hidden;
      const program = parse(buggy);
      const named = /^L[1-9]$/.test(tokens[0] ?? "") ? Number(tokens[0]?.slice(1)) - 1 : -1;
      const lineRight = named === line;
      const kindRight = tokens[1] === fault && (FAULTS as readonly string[]).includes(tokens[1]);
      const fix = overflow ? undefined : parseLine(tokens.slice(2));
      const fixed =
        fix && named >= 0 && named < program.length
          ? program.map((l, i) => (i === named ? fix : l))
          : undefined;
      const testScore = fixed ? passRate(fixed, tests) : 0;
      return {
        correct: lineRight && kindRight && testScore === 1,
        score: 0.25 * Number(lineRight) + 0.25 * Number(kindRight) + 0.5 * testScore,
      };
    },
  });
}

export const codeCritique: TaskFamily<CodeCritiqueConfig, CodeCritiqueProblem> = {
  ...codeCritiqueSpec,
  configSchema: codeCritiqueConfig,
  defaultConfig: codeCritiqueConfig.parse({}),
  create: (config) => createCodeCritique(codeCritiqueConfig.parse(config ?? {})),
};
