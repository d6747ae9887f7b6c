import { IndexPermutation } from "./permutation";
import { Rng, hashInts, hashString } from "./random";
import { splitOfIndex, type SplitName } from "./splits";
import type { Evaluation, Policy, Problem, PublicProblem, Task, TaskSpec } from "./types";
import { EOS, splitTokens, type Vocabulary } from "./vocabulary";
import { clampScore } from "./completion";

/** A block of the problem space, addressed by index 0..size-1. */
export interface Stratum {
  name: string;
  size: number;
  /** Relative sampling weight (default 1): strata are balanced, not size-weighted. */
  weight?: number;
  /** Set when every problem of the stratum has this domain (lets domain sampling skip it). */
  domain?: string;
}

/** What a family supplies; `buildTask` adds splits, sampling, ids, fixedrdm and safety. */
export interface TaskDefinition<P extends Problem> {
  spec: TaskSpec;
  config: Readonly<Record<string, unknown>>;
  vocab: Vocabulary;
  /** Part of the split hash: changing it reshuffles splits (a version-N change). */
  splitSalt: number;
  /** Seed of the fixedrdm logits (paper G.2). */
  fixedRdmSeed: number;
  strata: readonly Stratum[];
  maxPromptTokens: number;
  maxCompletionTokens: number;
  /** Problem `index` of stratum `stratum`, with the given id. Pure. */
  generate(stratum: number, index: number, id: string): P;
  strong: Policy<P>;
  weak: Policy<P>;
  intermediate?: Policy<P>;
  /** May assume a well-formed problem; exceptions are caught and scored 0. */
  evaluate(problem: P, completion: string): Evaluation;
}

export function buildTask<P extends Problem>(def: TaskDefinition<P>): Task<P> {
  const { strata, vocab } = def;
  const stratumIds = new Map(strata.map((s, i) => [s.name, i]));
  const size = strata.reduce((n, s) => n + s.size, 0);

  const parseId = (id: unknown): [number, number] | undefined => {
    if (typeof id !== "string") return undefined;
    const dot = id.lastIndexOf(".");
    const stratum = stratumIds.get(id.slice(0, dot));
    const indexText = id.slice(dot + 1);
    if (stratum === undefined || !/^\d{1,15}$/.test(indexText)) return undefined;
    const index = Number(indexText);
    return index < (strata[stratum]?.size ?? 0) ? [stratum, index] : undefined;
  };
  const make = (stratum: number, index: number): P =>
    def.generate(stratum, index, `${strata[stratum]?.name}.${index}`);
  const splitOf = (stratum: number, index: number): SplitName =>
    splitOfIndex(def.splitSalt, stratum, index);

  function* iterate(split: SplitName, seed: number, domain?: string): Generator<P> {
    if (domain !== undefined && !def.spec.domains.includes(domain)) return;
    const rng = new Rng(hashInts(seed, def.splitSalt, 0x5a));
    const live = strata
      .map((s, i) => ({
        domain: s.domain,
        stratum: i,
        weight: s.weight ?? 1,
        perm: new IndexPermutation(s.size, hashInts(seed, i, def.splitSalt)),
        next: 0,
      }))
      .filter((s) => domain === undefined || s.domain === undefined || s.domain === domain);
    while (live.length > 0) {
      const total = live.reduce((w, s) => w + s.weight, 0);
      let r = rng.next() * total;
      let k = 0;
      while (k < live.length - 1 && r >= (live[k]?.weight ?? 0)) r -= live[k++]?.weight ?? 0;
      const cursor = live[k];
      if (!cursor) return;
      let found: number | undefined;
      while (found === undefined && cursor.next < cursor.perm.size) {
        const index = cursor.perm.at(cursor.next++);
        if (splitOf(cursor.stratum, index) === split) found = index;
      }
      if (found === undefined) {
        live.splice(k, 1);
        continue;
      }
      const problem = make(cursor.stratum, found);
      if (domain === undefined || problem.domain === domain) yield problem;
    }
  }

  // G.2: one standard-normal logit vector over the task's own symbols, through a softmax.
  const fixedRdmDistribution = new Float64Array(vocab.size);
  {
    const rng = new Rng(def.fixedRdmSeed);
    let z = 0;
    for (let id = 0; id < vocab.size; id++) {
      if (vocab.isReserved(id)) continue;
      fixedRdmDistribution[id] = Math.exp(rng.normal());
      z += fixedRdmDistribution[id] ?? 0;
    }
    for (let id = 0; id < vocab.size; id++)
      fixedRdmDistribution[id] = (fixedRdmDistribution[id] ?? 0) / z;
  }
  const fixedrdm: Policy<P> = (problem) => {
    const length = splitTokens(def.strong(problem)).filter((t) => t !== EOS).length;
    const rng = new Rng(hashInts(def.fixedRdmSeed, hashString(problem.id)));
    const out: string[] = [];
    for (let i = 0; i < length; i++) {
      let r = rng.next();
      let id = 0;
      while (id < vocab.size - 1 && r >= (fixedRdmDistribution[id] ?? 0))
        r -= fixedRdmDistribution[id++] ?? 0;
      while (vocab.isReserved(id)) id++; // only reachable through rounding at the very end
      out.push(vocab.token(Math.min(id, vocab.size - 1)));
    }
    return [...out, EOS].join(" ");
  };

  return {
    ...def.spec,
    config: Object.freeze({ ...def.config }),
    vocab,
    maxPromptTokens: def.maxPromptTokens,
    maxCompletionTokens: def.maxCompletionTokens,
    contextLength: (slotTokens, slots = 1) =>
      slotTokens * slots + def.maxPromptTokens + def.maxCompletionTokens,
    size,
    strata: strata.map(({ name, size }) => ({ name, size })),
    splitOf(problem) {
      const parsed = parseId(typeof problem === "string" ? problem : problem?.id);
      return parsed ? splitOf(...parsed) : undefined;
    },
    problem(id) {
      const parsed = parseId(id);
      return parsed ? make(...parsed) : undefined;
    },
    iterate,
    sample(split, n, seed, options) {
      const out: P[] = [];
      if (n <= 0) return out;
      for (const p of iterate(split, seed, options?.domain)) {
        out.push(p);
        if (out.length >= n) break;
      }
      return out;
    },
    publicView: (problem): PublicProblem => ({
      id: problem.id,
      domain: problem.domain,
      prompt: problem.prompt,
    }),
    policies: {
      strong: def.strong,
      weak: def.weak,
      ...(def.intermediate ? { intermediate: def.intermediate } : {}),
      fixedrdm,
    },
    fixedRdmDistribution,
    evaluate(problem, completion) {
      try {
        const { correct, score } = def.evaluate(problem, completion);
        return { correct: correct === true, score: clampScore(score) };
      } catch {
        return { correct: false, score: 0 };
      }
    },
  };
}
