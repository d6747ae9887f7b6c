import { buildTask } from "../../core/build-task";
import { readCompletion } from "../../core/completion";
import { hashInts, hashString } from "../../core/random";
import type { Problem, Task, TaskFamily } from "../../core/types";
import { EOS, Vocabulary } from "../../core/vocabulary";
import { identitySubset, makeFunctions, runComposition } from "./functions";
import {
  DIGITS,
  FUNCTION_COUNT,
  functionCompositionConfig,
  functionCompositionSpec,
  type FunctionCompositionConfig,
} from "./spec";

export interface FunctionCompositionHidden {
  /** Function indices, applied left to right. */
  fns: number[];
  input: number[];
  /** Correct result after each function. */
  steps: number[][];
}
export type FunctionCompositionProblem = Problem<FunctionCompositionHidden>;

const fnToken = (i: number) => `fn${i}`;

/** `<reserved 21> | 0…9 fn0…fn31`: 64 tokens. */
export const functionCompositionVocab = new Vocabulary([
  "|",
  ...Array.from({ length: 10 }, (_, d) => String(d)),
  ...Array.from({ length: FUNCTION_COUNT }, (_, i) => fnToken(i)),
]);

const render = (steps: readonly number[][]) =>
  `${steps.map((s) => s.join(" ")).join(" | ")} ${EOS}`;

export function createFunctionComposition(
  config: FunctionCompositionConfig,
): Task<FunctionCompositionProblem> {
  const { compositionLength: length, worldSeed } = config;
  const functions = makeFunctions(worldSeed);
  const weakSet = identitySubset(worldSeed, config.weakIdentities);
  const intermediateSet = identitySubset(worldSeed, config.intermediateIdentities);
  const inputs = 10 ** DIGITS;

  const policy = (asIdentity: ReadonlySet<number>) => (p: FunctionCompositionProblem) =>
    render(runComposition(functions, p.hidden.fns, p.hidden.input, asIdentity));

  return buildTask<FunctionCompositionProblem>({
    spec: functionCompositionSpec,
    config,
    vocab: functionCompositionVocab,
    splitSalt: hashString("function-composition/1"),
    fixedRdmSeed: hashInts(worldSeed, 0x6d),
    // One stratum: index = fns (base 32, first function most significant) * 10^4 + input.
    strata: [{ name: "fc", size: FUNCTION_COUNT ** length * inputs }],
    maxPromptTokens: length + DIGITS + 3,
    maxCompletionTokens: length * (DIGITS + 1),
    generate(_stratum, index, id) {
      const input = String(index % inputs)
        .padStart(DIGITS, "0")
        .split("")
        .map(Number);
      const fns: number[] = [];
      let rest = Math.floor(index / inputs);
      for (let i = 0; i < length; i++) {
        fns.unshift(rest % FUNCTION_COUNT);
        rest = Math.floor(rest / FUNCTION_COUNT);
      }
      const steps = runComposition(functions, fns, input);
      const first = functions[fns[0] ?? 0];
      return {
        id,
        domain: first?.kind ?? "digit-map",
        prompt: `| ${fns.map(fnToken).join(" ")} | ${input.join(" ")} |`,
        hidden: { fns, input, steps },
      };
    },
    strong: policy(new Set()),
    weak: policy(weakSet),
    intermediate: policy(intermediateSet),
    evaluate(problem, completion) {
      const { steps } = problem.hidden;
      const read = readCompletion(completion, length * (DIGITS + 1) + 1);
      const groups: string[][] = [[]];
      for (const t of read.tokens) {
        if (t === "|") groups.push([]);
        else groups[groups.length - 1]?.push(t);
      }
      let digitsRight = 0;
      steps.forEach((step, i) => {
        step.forEach((d, j) => {
          if (groups[i]?.[j] === String(d)) digitsRight++;
        });
      });
      const last = groups[length - 1];
      const final = steps[length - 1] ?? [];
      const correct =
        !read.overflow &&
        groups.length === length &&
        last?.length === DIGITS &&
        last.every((t, j) => t === String(final[j]));
      const exact = correct && groups.every((g, i) => g.join(" ") === (steps[i] ?? []).join(" "));
      return { correct, score: exact ? 1 : Math.min(0.99, digitsRight / (length * DIGITS)) };
    },
  });
}

export const functionComposition: TaskFamily<
  FunctionCompositionConfig,
  FunctionCompositionProblem
> = {
  ...functionCompositionSpec,
  configSchema: functionCompositionConfig,
  defaultConfig: functionCompositionConfig.parse({}),
  create: (config) => createFunctionComposition(functionCompositionConfig.parse(config ?? {})),
};
