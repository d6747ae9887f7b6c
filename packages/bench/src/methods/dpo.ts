/**
 * DPO (paper §6.1): preference pairs sampled from the locked model as it starts (without
 * password), trained with the DPO loss against that same initial policy. Since every sample
 * comes from the initial model, all rounds' samples are drawn up front (same distribution as
 * drawing them round by round), then the rounds train one after another.
 *
 * Sampling is two-stage (`sampleScored` in @lockpick/sdk/helpers; see iterated-dpo for why):
 * one temperature-1 sample per problem, and `contrastSamples` distinct higher-temperature
 * samples for the problems it got right, so the budget buys (right, wrong) pairs.
 */
import { defineMethod, type PreferencePair } from "@lockpick/sdk";
import {
  dpoDefaults,
  firstSampleAccuracy,
  preferencePairs,
  sampleScored,
} from "@lockpick/sdk/helpers";

/**
 * Training rounds (the paper ran 12; fewer when the budget is small). One epoch per round: with
 * a fixed initial reference, more epochs over the same initial-model pairs over-optimise and
 * drop below the floor (measured on ft-default: 4 epochs −11 %, 1 epoch +6 %).
 */
const params = { rounds: 12, ...dpoDefaults, epochs: 1 };

export default defineMethod({
  name: "dpo",
  track: "rewards",
  description: "DPO on pairs sampled from the initial locked model, rewards as preferences (§6.1).",
  params,
  async elicit(ctx) {
    const p = ctx.params;
    const budget = ctx.budget.remaining("rewardQueries");
    const rounds = Math.max(1, Math.min(p.rounds, Math.floor(budget / p.minQueriesPerRound)));
    const first = Math.floor(budget * p.firstShare);
    if (first < 1) return;
    const groups = await sampleScored(ctx, ctx.problems.sample(first), {
      temperature: p.temperature,
      contrastSamples: p.contrastSamples,
      contrastTemperature: p.contrastTemperature,
    });
    const pairs = preferencePairs(groups, { by: "correct", maxPerProblem: p.maxPairsPerProblem });
    ctx.log({ problems: first, pairs: pairs.length, sampleAccuracy: firstSampleAccuracy(groups) });
    // Disjoint shares of the pairs, one per round (the paper's fresh pairs per epoch).
    const shuffled = ctx.random.shuffle(
      pairs.map(({ gap: _gap, ...pair }): PreferencePair => pair),
    );
    const per = Math.ceil(shuffled.length / rounds);
    for (let round = 0; round < rounds && round * per < shuffled.length; round++) {
      const batch = shuffled.slice(round * per, (round + 1) * per);
      const report = await ctx.model.dpo(batch, {
        lr: p.lr,
        beta: p.beta,
        epochs: p.epochs,
        batchSize: Math.min(p.batchSize, batch.length),
        optimizer: "adam",
        reference: "initial",
      });
      ctx.log({ round, pairs: batch.length, finalLoss: report.finalLoss });
    }
  },
});
