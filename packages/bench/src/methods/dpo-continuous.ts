/**
 * DPO with continuous rewards (paper B.3.1, Eq. 2): pairs are ordered by the oracle's continuous
 * score and each pair's DPO loss is weighted by the score gap R(y+) − R(y−), with the initial
 * locked policy as the reference throughout. Samples come from the current model each round.
 * Gaps are divided by the round's mean gap so the learning rate means the same as in `dpo`
 * (Eq. 2's relative weighting is kept; only its overall scale changes).
 */
import { defineMethod, type ElicitContext, type PreferencePair, type Problem } from "@lockpick/sdk";

const params = {
  rounds: 8,
  minQueriesPerRound: 128,
  temperature: 1,
  beta: 0.1,
  lr: 1e-4,
  epochs: 1,
  batchSize: 16,
  /** Pairs whose score gap is below this are dropped. */
  minGap: 1e-3,
};

async function weightedPairs(
  ctx: ElicitContext<typeof params>,
  problems: readonly Problem[],
): Promise<{ pairs: PreferencePair[]; meanScore: number }> {
  const raw: (PreferencePair & { gap: number })[] = [];
  let total = 0;
  for (let start = 0; start < problems.length; start += 2048) {
    const chunk = problems.slice(start, start + 2048);
    const outs = await ctx.model.generate(chunk, { temperature: ctx.params.temperature, n: 2 });
    const flat = outs.flatMap((o) => [o[0] ?? "", o[1] ?? ""]);
    const rewards = await ctx.reward(
      chunk.flatMap((q) => [q, q]),
      flat,
    );
    chunk.forEach((q, i) => {
      const a = rewards[2 * i]!.score;
      const b = rewards[2 * i + 1]!.score;
      total += a + b;
      const gap = Math.abs(a - b);
      if (gap < ctx.params.minGap) return;
      const [win, lose] = a > b ? [2 * i, 2 * i + 1] : [2 * i + 1, 2 * i];
      raw.push({ prompt: q.prompt, chosen: flat[win]!, rejected: flat[lose]!, gap });
    });
  }
  const mean = raw.reduce((s, r) => s + r.gap, 0) / Math.max(1, raw.length);
  const pairs = raw.map(({ gap, ...pair }) => ({ ...pair, weight: Math.min(100, gap / mean) }));
  return { pairs, meanScore: total / (2 * problems.length) };
}

export default defineMethod({
  name: "dpo-continuous",
  track: "rewards",
  description:
    "DPO weighted by continuous-reward gaps, initial policy as reference (B.3.1, Eq. 2).",
  params,
  async elicit(ctx) {
    const p = ctx.params;
    const budget = ctx.budget.remaining("rewardQueries");
    const rounds = Math.max(1, Math.min(p.rounds, Math.floor(budget / p.minQueriesPerRound)));
    const perRound = Math.floor(budget / rounds / 2);
    if (perRound < 1) return;
    for (let round = 0; round < rounds; round++) {
      const { pairs, meanScore } = await weightedPairs(ctx, ctx.problems.sample(perRound));
      ctx.log({ round, problems: perRound, pairs: pairs.length, meanScore });
      if (pairs.length === 0) continue;
      await ctx.model.dpo(pairs, {
        lr: p.lr,
        beta: p.beta,
        epochs: p.epochs,
        batchSize: Math.min(p.batchSize, pairs.length),
        optimizer: "adam",
        reference: "initial",
      });
    }
  },
});
