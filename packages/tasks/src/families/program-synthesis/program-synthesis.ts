import { buildTask } from "../../core/build-task";
import { readCompletion } from "../../core/completion";
import { Rng, hashInts, hashString } from "../../core/random";
import type { Problem, Task, TaskFamily } from "../../core/types";
import { EOS } from "../../core/vocabulary";
import {
  KINDS,
  parseProgram,
  renderLine,
  renderProgram,
  run,
  sameList,
  type Program,
} from "../../dsl/list-dsl";
import {
  agreeOn,
  canonicalPrograms,
  runGenerated,
  confusions,
  knownLines,
  neighbors,
  randomList,
} from "../../dsl/programs";
import { dslVocab } from "../../dsl/dsl-vocab";
import { programSynthesisConfig, programSynthesisSpec, type ProgramSynthesisConfig } from "./spec";

export interface IoPair {
  input: number[];
  output: number[];
}
export interface ProgramSynthesisHidden {
  /** The canonical program (π_strong's answer). */
  program: string;
  examples: IoPair[];
  tests: IoPair[];
}
export type ProgramSynthesisProblem = Problem<ProgramSynthesisHidden>;

/** Input/output variants per program. */
const VARIANTS = 1000;
const EXAMPLE_TRIES = 30;

const pair = (program: Program, input: number[]): IoPair => {
  const r = run(program, input);
  return { input, output: r.ok ? r.output : [] };
};

export const renderExamples = (examples: readonly IoPair[]): string =>
  examples.map((e) => [...e.input, ">", ...e.output, "|"].join(" ")).join(" ");

/** Examples that rule out every program one line away that would fail the tests. */
export function chooseExamples(
  program: Program,
  rng: Rng,
  count: number,
  tests: readonly number[][],
): number[][] {
  const rivals = neighbors(program).filter((q) => !agreeOn(q, program, tests));
  let inputs: number[][] = [];
  for (let t = 0; t < EXAMPLE_TRIES; t++) {
    inputs = Array.from({ length: count }, () => randomList(rng, 4, 5));
    const expected = inputs.map((x) => runGenerated(program, x));
    const fits = (q: Program) =>
      inputs.every((x, i) => sameList(runGenerated(q, x), expected[i] ?? []));
    if (!rivals.some(fits)) break;
  }
  return inputs;
}

/** Fraction of `tests` on which `program` gives the expected output. */
export function passRate(program: Program, tests: readonly IoPair[]): number {
  if (tests.length === 0) return 0;
  let passed = 0;
  for (const t of tests) {
    const r = run(program, t.input);
    if (r.ok && sameList(r.output, t.output)) passed++;
  }
  return passed / tests.length;
}

export function createProgramSynthesis(
  config: ProgramSynthesisConfig,
): Task<ProgramSynthesisProblem> {
  const programs = canonicalPrograms(config.lines);
  const confusion = confusions(config.seed);
  const policy = (known: ReadonlySet<string> | undefined) => (p: ProgramSynthesisProblem) => {
    const program = parseProgram(p.hidden.program.split(" ")) ?? [];
    const written = program.map((line) =>
      !known || known.has(renderLine(line)) ? line : (confusion.get(renderLine(line)) ?? line),
    );
    return `${renderProgram(written)} ${EOS}`;
  };

  return buildTask<ProgramSynthesisProblem>({
    spec: programSynthesisSpec,
    config,
    vocab: dslVocab,
    splitSalt: hashString("program-synthesis/1"),
    fixedRdmSeed: hashInts(config.seed, 0x6d),
    strata: KINDS.map((kind) => ({
      name: kind,
      size: programs[kind].length * VARIANTS,
      domain: kind,
    })),
    maxPromptTokens: config.examples * 12,
    maxCompletionTokens: 3 * config.lines,
    generate(stratum, index, id) {
      const kind = KINDS[stratum] ?? "order";
      const program = programs[kind][Math.floor(index / VARIANTS)] ?? [];
      const rng = new Rng(hashInts(config.seed, stratum, index));
      const testInputs = Array.from({ length: config.tests }, () => randomList(rng, 3, 6));
      const examples = chooseExamples(program, rng, config.examples, testInputs).map((x) =>
        pair(program, x),
      );
      return {
        id,
        domain: kind,
        prompt: renderExamples(examples),
        hidden: {
          program: renderProgram(program),
          examples,
          tests: testInputs.map((x) => pair(program, x)),
        },
      };
    },
    strong: policy(undefined),
    weak: policy(knownLines(config.seed, config.weakKnownLines)),
    intermediate: policy(knownLines(config.seed, config.intermediateKnownLines)),
    evaluate(problem, completion) {
      const read = readCompletion(completion, 64);
      const program = read.overflow ? undefined : parseProgram(read.tokens);
      const score = program ? passRate(program, problem.hidden.tests) : 0;
      return { correct: score === 1, score };
    },
  });
}

export const programSynthesis: TaskFamily<ProgramSynthesisConfig, ProgramSynthesisProblem> = {
  ...programSynthesisSpec,
  configSchema: programSynthesisConfig,
  defaultConfig: programSynthesisConfig.parse({}),
  create: (config) => createProgramSynthesis(programSynthesisConfig.parse(config ?? {})),
};
