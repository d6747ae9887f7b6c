/**
 * Iterated DPO (paper §6.1): rounds of — sample from the current model, score with the reward
 * oracle, train DPO on (better, worse) pairs against the model as it was at the start of the
 * round. The host keeps at most 8 snapshots, so there are at most 8 rounds (the first uses the
 * initial model as its reference, which needs no snapshot).
 *
 * Sampling is two-stage (`sampleScored` in @lockpick/sdk/helpers): a locked model answers most
 * problems the same way every time, so two temperature-1 samples per problem (the first
 * version) almost never differed in reward and gave ~1 pair per round. Here each problem gets
 * one temperature-1 sample; the problems it got right get `contrastSamples` more at a higher
 * temperature, and only the distinct ones are scored, so the budget buys (right, wrong) pairs.
 */
import { defineMethod } from "@lockpick/sdk";
import { dpoDefaults, dpoRound } from "@lockpick/sdk/helpers";

export default defineMethod({
  name: "iterated-dpo",
  track: "rewards",
  description: "Rounds of DPO on fresh samples against the previous round's model (§6.1).",
  params: { rounds: 8, ...dpoDefaults },
  async elicit(ctx) {
    const p = ctx.params;
    const budget = ctx.budget.remaining("rewardQueries");
    const rounds = Math.max(1, Math.min(p.rounds, 8, Math.floor(budget / p.minQueriesPerRound)));
    for (let round = 0; round < rounds; round++) {
      const queries = Math.floor(ctx.budget.remaining("rewardQueries") / (rounds - round));
      const reference = round === 0 ? "initial" : await ctx.model.snapshot();
      const seen = await dpoRound(ctx, p, { queries, reference, by: "correct" });
      ctx.log({ round, ...seen });
    }
  },
});
