import { buildTask } from "../../core/build-task";
import { readCompletion } from "../../core/completion";
import { hashInts, hashString } from "../../core/random";
import type { Problem, Task, TaskFamily } from "../../core/types";
import { EOS, Vocabulary } from "../../core/vocabulary";
import {
  CATEGORIES,
  CATEGORY_NAMES,
  LETTERS,
  multipleChoiceConfig,
  multipleChoiceSpec,
  type MultipleChoiceConfig,
} from "./spec";
import {
  VARIANTS,
  knownEntities,
  makeFacts,
  makeQuestion,
  renderQuestion,
  type Question,
} from "./world";

export interface MultipleChoiceHidden {
  question: Question;
  /** The solved 1-shot example shown first. */
  shot: Question;
}
export type MultipleChoiceProblem = Problem<MultipleChoiceHidden>;

export function multipleChoiceVocab(entities: number): Vocabulary {
  return new Vocabulary([
    ...Array.from({ length: entities }, (_, i) => `e${i}`),
    ...CATEGORY_NAMES,
    ...CATEGORY_NAMES.flatMap((c) => CATEGORIES[c]),
    ...LETTERS,
    "?",
    "=",
    "|",
  ]);
}

export function createMultipleChoice(config: MultipleChoiceConfig): Task<MultipleChoiceProblem> {
  const { entities, worldSeed } = config;
  const facts = makeFacts(worldSeed, entities);
  const weakKnows = knownEntities(worldSeed, entities, config.weakKnownFraction);
  const midKnows = knownEntities(worldSeed, entities, config.intermediateKnownFraction);

  // Without the fact, fall back on a prior: the option listed earliest in the category.
  const policy = (knows: ReadonlySet<number> | undefined) => (p: MultipleChoiceProblem) => {
    const q = p.hidden.question;
    const pick =
      !knows || knows.has(q.entity) ? q.answer : q.options.indexOf(Math.min(...q.options));
    return `${LETTERS[pick]} ${EOS}`;
  };

  return buildTask<MultipleChoiceProblem>({
    spec: multipleChoiceSpec,
    config,
    vocab: multipleChoiceVocab(entities),
    splitSalt: hashString("multiple-choice/1"),
    fixedRdmSeed: hashInts(worldSeed, 0x6d),
    // One stratum per category; index = entity × variants + variant.
    strata: CATEGORY_NAMES.map((name) => ({ name, size: entities * VARIANTS, domain: name })),
    // Shot (13 tokens incl. its answer), "|", question (12 tokens).
    maxPromptTokens: 26,
    maxCompletionTokens: 2,
    generate(stratum, index, id) {
      const category = CATEGORY_NAMES[stratum] ?? "color";
      const question = makeQuestion(
        facts,
        Math.floor(index / VARIANTS),
        category,
        index % VARIANTS,
      );
      // The 1-shot example: another entity, same category, fixed by the problem.
      const h = hashInts(worldSeed, stratum, index);
      const other = (question.entity + 1 + (h % (entities - 1))) % entities;
      const shot = makeQuestion(facts, other, category, hashInts(h, 1) % VARIANTS);
      const values = CATEGORIES[category];
      return {
        id,
        domain: category,
        prompt: `${renderQuestion(shot, values)} ${LETTERS[shot.answer]} | ${renderQuestion(question, values)}`,
        hidden: { question, shot },
      };
    },
    strong: policy(undefined),
    weak: policy(weakKnows),
    intermediate: policy(midKnows),
    evaluate(problem, completion) {
      const first = readCompletion(completion, 1).tokens[0];
      const correct = first === LETTERS[problem.hidden.question.answer];
      return { correct, score: correct ? 1 : 0 };
    },
  });
}

export const multipleChoice: TaskFamily<MultipleChoiceConfig, MultipleChoiceProblem> = {
  ...multipleChoiceSpec,
  configSchema: multipleChoiceConfig,
  defaultConfig: multipleChoiceConfig.parse({}),
  create: (config) => createMultipleChoice(multipleChoiceConfig.parse(config ?? {})),
};
