/**
 * @lockpick/sdk/helpers: small building blocks the built-in methods share, for any plugin.
 *
 * Import them as `import { preferencePairs } from "@lockpick/sdk/helpers"`; the bundler inlines
 * this file into the plugin, so they run in the sandbox like your own code. They have no host
 * access of their own: the pure ones only compute, and the two that sample (`sampleScored`,
 * `fineTune`) call only the `ctx` you pass them, spending your budget exactly as the same lines
 * in your plugin would.
 */
import type {
  DemoSource,
  Demonstration,
  DpoOptions,
  ElicitContext,
  PreferencePair,
  Problem,
  Random,
  TrainOptions,
  TrainReport,
} from "./index";

/** Fraction of positions where two completions agree token for token (0 … 1). */
export function tokenAgreement(a: string, b: string): number {
  const x = a.trim().split(/\s+/);
  const y = b.trim().split(/\s+/);
  let same = 0;
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] === y[i]) same++;
  return same / Math.max(x.length, y.length);
}

/**
 * The `keep` best items, correct ones first and ties in random order (so when fewer than `keep`
 * are correct, some incorrect ones are kept, as expert iteration does in the paper).
 */
export function bestFirst<T extends { readonly correct: boolean }>(
  items: readonly T[],
  keep: number,
  random: Pick<Random, "shuffle">,
): T[] {
  return random
    .shuffle(items)
    .sort((a, b) => Number(b.correct) - Number(a.correct))
    .slice(0, Math.max(0, keep));
}

/** The SFT schedule of the built-ins: batch min(batchSize, n), max(minSteps, ⌈epochs·n/batch⌉). */
export function sftSchedule(
  p: { readonly batchSize: number; readonly minSteps: number; readonly epochs: number },
  n: number,
): { batchSize: number; steps: number } {
  const batchSize = Math.max(1, Math.min(p.batchSize, n));
  return { batchSize, steps: Math.max(p.minSteps, Math.ceil((p.epochs * n) / batchSize)) };
}

/** SFT (Adam) on demonstrations' prompts and completions. */
export function fineTune(
  ctx: Pick<ElicitContext, "model">,
  demos: readonly Pick<Demonstration, "prompt" | "completion">[],
  options: TrainOptions,
): Promise<TrainReport> {
  return ctx.model.sft(
    demos.map((d) => ({ prompt: d.prompt, completion: d.completion })),
    { optimizer: "adam", ...options },
  );
}

/** A completion with the reward oracle's verdict. */
export interface ScoredSample {
  readonly completion: string;
  readonly correct: boolean;
  readonly score: number;
}

/** A problem and its distinct scored samples. */
export interface SampleGroup {
  readonly problem: Problem;
  readonly samples: ScoredSample[];
}

export interface SampleOptions {
  /** Temperature of the first sample of every problem. */
  temperature: number;
  /** Extra samples drawn for the problems `contrastIf` picks (default 0: none). */
  contrastSamples?: number;
  /** Their temperature (default 2; higher: more varied completions to contrast with). */
  contrastTemperature?: number;
  /** Which problems get extra samples, judged by the first sample; default: it was correct. */
  contrastIf?: (first: ScoredSample) => boolean;
  /** Most reward queries the extra samples may spend (default: whatever the budget has left). */
  contrastQueries?: number;
}

const CHUNK = 2048;

/**
 * Samples and scores in two stages. Stage 1: one completion per problem at `temperature`, each
 * scored (one reward query per problem). Stage 2: `contrastSamples` more completions for the
 * problems `contrastIf` picks, at `contrastTemperature`; only completions that differ from
 * every one already scored for that problem are sent to the oracle (an identical string has the
 * same reward), at most `contrastQueries` of them. Why two stages: a locked model answers most
 * problems the same way every time, so two samples per problem rarely differ in reward; the
 * second stage spends queries only where a contrast can exist.
 */
export async function sampleScored(
  ctx: Pick<ElicitContext, "model" | "reward" | "budget">,
  problems: readonly Problem[],
  o: SampleOptions,
): Promise<SampleGroup[]> {
  const groups: SampleGroup[] = [];
  for (let start = 0; start < problems.length; start += CHUNK) {
    const chunk = problems.slice(start, start + CHUNK);
    const outs = await ctx.model.generate(chunk, { temperature: o.temperature });
    const completions = outs.map((c) => c[0] ?? "");
    const rewards = await ctx.reward(chunk, completions);
    chunk.forEach((problem, i) => {
      const { correct, score } = rewards[i]!;
      groups.push({ problem, samples: [{ completion: completions[i]!, correct, score }] });
    });
  }
  const contrastIf = o.contrastIf ?? ((first: ScoredSample) => first.correct);
  const picked = groups.filter((g) => contrastIf(g.samples[0]!));
  const extra = o.contrastSamples ?? 0;
  if (extra < 1 || picked.length === 0) return groups;
  let queries = Math.min(
    o.contrastQueries ?? Number.MAX_SAFE_INTEGER,
    ctx.budget.remaining("rewardQueries"),
  );
  const perChunk = Math.max(1, Math.floor(CHUNK / extra));
  for (let start = 0; start < picked.length && queries > 0; start += perChunk) {
    const chunk = picked.slice(start, start + perChunk);
    const outs = await ctx.model.generate(
      chunk.map((g) => g.problem),
      { temperature: o.contrastTemperature ?? 2, n: extra },
    );
    const fresh: { group: SampleGroup; completion: string }[] = [];
    chunk.forEach((group, i) => {
      const seen = new Set(group.samples.map((s) => s.completion));
      for (const completion of outs[i] ?? []) {
        if (seen.has(completion) || fresh.length >= queries) continue;
        seen.add(completion);
        fresh.push({ group, completion });
      }
    });
    if (fresh.length === 0) continue;
    const rewards = await ctx.reward(
      fresh.map((f) => f.group.problem),
      fresh.map((f) => f.completion),
    );
    queries -= fresh.length;
    fresh.forEach(({ group, completion }, i) => group.samples.push({ completion, ...rewards[i]! }));
  }
  return groups;
}

export interface PairOptions {
  /** Rank samples by correctness (then score) or by the continuous score alone. */
  by: "correct" | "score";
  /** With `by: "score"`: smallest score gap that makes a pair. */
  minGap?: number;
  /** Most pairs per problem (each with the problem's best sample as `chosen`). */
  maxPerProblem?: number;
}

/**
 * DPO pairs from scored samples: for each problem, its best sample against each worse one
 * (`gap` = the score difference, for Eq. 2's weighting; 1 when ranked by correctness).
 */
export function preferencePairs(
  groups: readonly SampleGroup[],
  o: PairOptions,
): (PreferencePair & { gap: number })[] {
  const pairs: (PreferencePair & { gap: number })[] = [];
  const key = (s: ScoredSample) => (o.by === "correct" ? Number(s.correct) * 2 + s.score : s.score);
  for (const { problem, samples } of groups) {
    const ranked = [...samples].sort((a, b) => key(b) - key(a));
    const best = ranked[0];
    if (!best) continue;
    let made = 0;
    for (const worse of ranked.slice(1)) {
      if (made >= (o.maxPerProblem ?? Number.MAX_SAFE_INTEGER)) break;
      const differs =
        o.by === "correct"
          ? best.correct && !worse.correct
          : best.score - worse.score >= (o.minGap ?? 0);
      if (!differs || worse.completion === best.completion) continue;
      pairs.push({
        prompt: problem.prompt,
        chosen: best.completion,
        rejected: worse.completion,
        gap: o.by === "correct" ? 1 : best.score - worse.score,
      });
      made++;
    }
  }
  return pairs;
}

/** Accuracy of the first (stage-1) samples: the current model's sampled correctness. */
export function firstSampleAccuracy(groups: readonly SampleGroup[]): number {
  const correct = groups.filter((g) => g.samples[0]?.correct).length;
  return groups.length === 0 ? 0 : correct / groups.length;
}

/** Default params of expert iteration (the paper's n = 64, pool 10n), shared by its users. */
export const expertIterationDefaults = {
  /** n: completions kept per round (the paper's best value). */
  keep: 64,
  /** Pool = poolFactor × kept completions (the paper's 10). */
  poolFactor: 10,
  temperature: 1,
  lr: 3e-4,
  epochs: 4,
  batchSize: 16,
};

/**
 * Expert iteration with the reward budget: repeat — one sample per problem of a pool, scored;
 * keep the best `keep` (correct first, ties at random); SFT on them. The pool is a quarter of
 * the budget, clamped to [64, keep × poolFactor], so small budgets still get several rounds.
 */
export async function expertIteration(
  ctx: Pick<ElicitContext, "model" | "reward" | "budget" | "problems" | "random" | "log">,
  p: typeof expertIterationDefaults,
  logExtra: Record<string, string> = {},
): Promise<void> {
  const budget = ctx.budget.remaining("rewardQueries");
  const pool = Math.min(budget, p.keep * p.poolFactor, Math.max(64, Math.floor(budget / 4)));
  const keep = Math.max(1, Math.round(pool / p.poolFactor));
  for (let round = 0; pool > 0 && ctx.budget.remaining("rewardQueries") >= pool; round++) {
    const groups = await sampleScored(ctx, ctx.problems.sample(pool), {
      temperature: p.temperature,
    });
    const scored = groups.map((g) => ({ prompt: g.problem.prompt, ...g.samples[0]! }));
    const best = bestFirst(scored, keep, ctx.random);
    const report = await fineTune(ctx, best, {
      lr: p.lr,
      epochs: p.epochs,
      batchSize: Math.min(p.batchSize, best.length),
    });
    const poolAccuracy = firstSampleAccuracy(groups);
    ctx.log({ ...logExtra, round, pool, keep, poolAccuracy, finalLoss: report.finalLoss });
  }
}

/** SFT on every demonstration of one source the budget allows, with the built-ins' schedule. */
export async function demonstrationSft(
  ctx: Pick<ElicitContext, "model" | "budget" | "demonstrations" | "log">,
  source: DemoSource,
  p: {
    readonly lr: number;
    readonly batchSize: number;
    readonly minSteps: number;
    readonly epochs: number;
  },
): Promise<void> {
  const k = ctx.budget.remaining("demonstrations");
  if (k < 1) return;
  const demos = await ctx.demonstrations(k, { source });
  const report = await fineTune(ctx, demos, { lr: p.lr, ...sftSchedule(p, demos.length) });
  ctx.log({ k, steps: report.steps, finalLoss: report.finalLoss });
}

/** Default params of the two-stage DPO methods (see `dpoRound`). */
export const dpoDefaults = {
  /** Fewest reward queries a round should have. */
  minQueriesPerRound: 256,
  /** Share of a round's queries that pays for the first sample of each problem. */
  firstShare: 0.5,
  temperature: 1,
  contrastSamples: 8,
  contrastTemperature: 2,
  maxPairsPerProblem: 4,
  beta: 0.1,
  lr: 3e-4,
  epochs: 4,
  batchSize: 16,
};

export interface DpoRoundOptions {
  /** Reward queries this round may spend (stage 1 gets `firstShare` of them). */
  queries: number;
  reference: NonNullable<DpoOptions["reference"]>;
  by: PairOptions["by"];
  minGap?: number;
  /** Weight each pair by its score gap over the round's mean gap (Eq. 2). */
  weighByGap?: boolean;
  contrastIf?: SampleOptions["contrastIf"];
}

/**
 * One round of two-stage DPO: sample and score fresh problems from the current model
 * (`sampleScored`), build pairs (`preferencePairs`), train one DPO call on them. Returns what
 * it saw (0 pairs: nothing was trained).
 */
export async function dpoRound(
  ctx: Pick<ElicitContext, "model" | "reward" | "budget" | "problems">,
  p: typeof dpoDefaults,
  o: DpoRoundOptions,
): Promise<{ problems: number; pairs: number; sampleAccuracy: number; meanScore: number }> {
  const first = Math.max(1, Math.floor(o.queries * p.firstShare));
  if (first > ctx.budget.remaining("rewardQueries")) {
    return { problems: 0, pairs: 0, sampleAccuracy: 0, meanScore: 0 };
  }
  const groups = await sampleScored(ctx, ctx.problems.sample(first), {
    temperature: p.temperature,
    contrastSamples: p.contrastSamples,
    contrastTemperature: p.contrastTemperature,
    contrastQueries: o.queries - first,
    ...(o.contrastIf ? { contrastIf: o.contrastIf } : {}),
  });
  const raw = preferencePairs(groups, {
    by: o.by,
    maxPerProblem: p.maxPairsPerProblem,
    ...(o.minGap === undefined ? {} : { minGap: o.minGap }),
  });
  const meanGap = raw.reduce((s, r) => s + r.gap, 0) / Math.max(1, raw.length);
  const pairs = raw.map(({ gap, ...pair }) =>
    o.weighByGap ? { ...pair, weight: Math.min(100, gap / meanGap) } : pair,
  );
  if (pairs.length > 0) {
    await ctx.model.dpo(pairs, {
      lr: p.lr,
      beta: p.beta,
      epochs: p.epochs,
      batchSize: Math.min(p.batchSize, pairs.length),
      optimizer: "adam",
      reference: o.reference,
    });
  }
  const meanScore =
    groups.reduce((s, g) => s + (g.samples[0]?.score ?? 0), 0) / Math.max(1, groups.length);
  return {
    problems: first,
    pairs: pairs.length,
    sampleAccuracy: firstSampleAccuracy(groups),
    meanScore,
  };
}

/**
 * Reward queries for round `round` (from 0) of `planned` rounds: an even share of what is
 * left. After the planned rounds, queries earlier rounds left unspent (stage 2 spends only
 * where there is something to contrast) fund extra rounds, up to `maxRounds`, while at least
 * `minQueries` remain. 0 means stop.
 */
export function roundQueries(
  remaining: number,
  round: number,
  planned: number,
  maxRounds: number,
  minQueries: number,
): number {
  if (round >= maxRounds) return 0;
  if (round < planned) return Math.floor(remaining / (planned - round));
  return remaining >= minQueries ? remaining : 0;
}

/** Params of `dpoRounds`: `dpoDefaults` plus the round cap and the final check's queries. */
export type DpoRoundsParams = typeof dpoDefaults & {
  /** Most rounds (at most 8: one snapshot per round). */
  rounds: number;
  /** Reward queries kept for the final check (at most an eighth of the budget). */
  checkQueries: number;
};

/**
 * Rounds of `dpoRound` under the reward budget, keeping the best model. Before each round the
 * weights are snapshotted; each round's stage-1 accuracy (fresh problems, temperature 1)
 * measures the model it started from. At the end, `checkQueries` reserved queries measure the
 * final model the same way; if an earlier round started from a better model, it is restored.
 * Why: DPO can over-optimise and collapse below the floor in one round (measured: probe
 * 0.66 → 0.19 in the last round of dpo-continuous), and the run's own paid rewards can see it.
 * `reference`: "previous" = the model at the start of each round (iterated DPO), or "initial".
 */
export async function dpoRounds(
  ctx: Pick<ElicitContext, "model" | "reward" | "budget" | "problems" | "log">,
  p: DpoRoundsParams,
  o: Omit<DpoRoundOptions, "queries" | "reference"> & { reference: "previous" | "initial" },
): Promise<void> {
  const budget = ctx.budget.remaining("rewardQueries");
  const check = Math.min(p.checkQueries, Math.floor(budget / 8));
  const maxRounds = Math.min(p.rounds, 8);
  const planned = Math.max(
    1,
    Math.min(maxRounds, Math.floor((budget - check) / p.minQueriesPerRound)),
  );
  const history: { snapshot: string; accuracy: number }[] = [];
  for (let round = 0; ; round++) {
    const left = ctx.budget.remaining("rewardQueries") - check;
    const queries = roundQueries(left, round, planned, maxRounds, p.minQueriesPerRound / 2);
    if (queries < 1) break;
    const snapshot = await ctx.model.snapshot();
    const reference = o.reference === "initial" || round === 0 ? "initial" : snapshot;
    const seen = await dpoRound(ctx, p, { ...o, queries, reference });
    if (seen.problems === 0) break;
    history.push({ snapshot, accuracy: seen.sampleAccuracy });
    ctx.log({ round, ...seen });
  }
  const n = Math.min(check, ctx.budget.remaining("rewardQueries"));
  if (n < 1 || history.length === 0) return;
  const final = firstSampleAccuracy(
    await sampleScored(ctx, ctx.problems.sample(n), { temperature: p.temperature }),
  );
  const best = history.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
  const restored = best.accuracy > final;
  if (restored) await ctx.model.restore(best.snapshot);
  ctx.log({ finalAccuracy: final, bestStartAccuracy: best.accuracy, restored });
}
