/**
 * Filtering then SFT (paper §6.1 baseline): the first step of expert iteration done once with
 * the whole budget. Sample one completion per problem from the model as it starts (the locked
 * model without password, i.e. its imitation of π_weak), keep the best tenth by reward (ties at
 * random), and fine-tune on that fixed set for as many epochs as expert iteration trains.
 */
import { defineMethod, type Problem } from "@lockpick/sdk";
import { bestFirst, fineTune, sampleScored } from "@lockpick/sdk/helpers";

export default defineMethod({
  name: "filtering",
  track: "rewards",
  description: "Sample once from the locked model, keep the best by reward, SFT (paper §6.1).",
  params: { keepFraction: 0.1, temperature: 1, lr: 3e-4, epochs: 16, batchSize: 16 },
  async elicit(ctx) {
    const p = ctx.params;
    const n = ctx.budget.remaining("rewardQueries");
    if (n < 1) return;
    // problems.sample draws at most 4096 at a time (draws may repeat across calls, as before).
    const problems: Problem[] = [];
    for (let start = 0; start < n; start += 4096) {
      problems.push(...ctx.problems.sample(Math.min(4096, n - start)));
    }
    const groups = await sampleScored(ctx, problems, { temperature: p.temperature });
    const scored = groups.map((g) => ({ prompt: g.problem.prompt, ...g.samples[0]! }));
    const keep = Math.max(1, Math.round(scored.length * p.keepFraction));
    const best = bestFirst(scored, keep, ctx.random);
    const report = await fineTune(ctx, best, {
      lr: p.lr,
      epochs: p.epochs,
      batchSize: Math.min(p.batchSize, best.length),
    });
    const correct = scored.filter((s) => s.correct).length;
    ctx.log({ sampled: scored.length, correct, keep, finalLoss: report.finalLoss });
  },
});
