import { configInstance } from "./core/config-instance";
import type { Problem, Task, TaskFamily } from "./core/types";
import { arithmetic } from "./families/arithmetic/arithmetic";
import { multipleChoice } from "./families/multiple-choice/multiple-choice";
import { programSynthesis } from "./families/program-synthesis/program-synthesis";
import { codeCritique } from "./families/code-critique/code-critique";
import { functionComposition } from "./families/function-composition/function-composition";

/** Every built-in family by id. Variants are configurations of these, never copies. */
const families: Readonly<Record<string, TaskFamily<unknown, Problem>>> = Object.freeze({
  [functionComposition.id]: functionComposition,
  [arithmetic.id]: arithmetic,
  [multipleChoice.id]: multipleChoice,
  [programSynthesis.id]: programSynthesis,
  [codeCritique.id]: codeCritique,
});

export function listTaskFamilies(): TaskFamily<unknown, Problem>[] {
  return Object.values(families);
}

export function hasTaskFamily(id: string): boolean {
  return Object.hasOwn(families, id);
}

/** The family registered under `id`; throws with the known ids otherwise. */
export function getTaskFamily(id: string): TaskFamily<unknown, Problem> {
  const family = hasTaskFamily(id) ? families[id] : undefined;
  if (!family) {
    throw new Error(`unknown task family "${id}" (known: ${Object.keys(families).join(", ")})`);
  }
  return family;
}

/** Shorthand for `getTaskFamily(id).create(config)`. */
export function createTask(id: string, config?: unknown): Task {
  return getTaskFamily(id).create(config);
}

/**
 * What a config of task `id` changes from the family's default, in the words its instance title
 * spells it by (`configInstance`): "lines 1" for `program-synthesis` with `{ lines: 1 }`; "" for
 * the default config, no config, or an unknown task. Throws on a config the family rejects.
 */
export function taskConfigNote(id: string, config?: unknown): string {
  if (!config || !hasTaskFamily(id)) return "";
  return configInstance(getTaskFamily(id), config).differsText;
}
