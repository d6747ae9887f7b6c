import { Rng, hashInts } from "../../core/random";
import { CATEGORY_NAMES, LETTERS, type Category } from "./spec";

/** A question about one fact: the option values (indices into the category) in order. */
export interface Question {
  entity: number;
  category: Category;
  /** Value indices shown as A, B, C, D. */
  options: number[];
  /** 0-3: which option is right. */
  answer: number;
}

/** facts[entity][category index] = value index (0-7). */
export function makeFacts(worldSeed: number, entities: number): number[][] {
  const rng = new Rng(hashInts(worldSeed, 0xfac7));
  return Array.from({ length: entities }, () => CATEGORY_NAMES.map(() => rng.int(8)));
}

/** The 35 ways to choose 3 distractors among the 7 wrong values (as positions 0-6). */
export const DISTRACTOR_SETS: readonly number[][] = (() => {
  const out: number[][] = [];
  for (let a = 0; a < 7; a++)
    for (let b = a + 1; b < 7; b++) for (let c = b + 1; c < 7; c++) out.push([a, b, c]);
  return out;
})();

/** The 24 orders of 4 options. */
export const ORDERS: readonly number[][] = (() => {
  const out: number[][] = [];
  const permute = (rest: number[], acc: number[]) => {
    if (rest.length === 0) out.push(acc);
    rest.forEach((x, i) => permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...acc, x]));
  };
  permute([0, 1, 2, 3], []);
  return out;
})();

/** Questions per (entity, category): distractor set × order. */
export const VARIANTS = DISTRACTOR_SETS.length * ORDERS.length;

export function makeQuestion(
  facts: readonly number[][],
  entity: number,
  category: Category,
  variant: number,
): Question {
  const truth = facts[entity]?.[CATEGORY_NAMES.indexOf(category)] ?? 0;
  const wrong = [0, 1, 2, 3, 4, 5, 6, 7].filter((v) => v !== truth);
  const distractors = (DISTRACTOR_SETS[Math.floor(variant / ORDERS.length)] ?? [0, 1, 2]).map(
    (i) => wrong[i] ?? 0,
  );
  const values = [truth, ...distractors];
  const order = ORDERS[variant % ORDERS.length] ?? [0, 1, 2, 3];
  const options = order.map((i) => values[i] ?? 0);
  return { entity, category, options, answer: order.indexOf(0) };
}

export function renderQuestion(q: Question, values: readonly string[]): string {
  const options = q.options.map((v, i) => `${LETTERS[i]} ${values[v]}`).join(" ");
  return `e${q.entity} ${q.category} ? ${options} =`;
}

/** A seeded subset of `round(fraction × entities)` entities; smaller fractions give prefixes. */
export function knownEntities(worldSeed: number, entities: number, fraction: number): Set<number> {
  const order = new Rng(hashInts(worldSeed, 0x4b)).shuffle(
    Array.from({ length: entities }, (_, i) => i),
  );
  return new Set(order.slice(0, Math.round(fraction * entities)));
}
