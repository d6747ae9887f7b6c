/**
 * Filtering then SFT (paper §6.1 baseline): the first step of expert iteration done once with
 * the whole budget. Sample one completion per problem from the model as it starts (the locked
 * model without password, i.e. its imitation of π_weak), keep the best tenth by reward (ties at
 * random), and fine-tune on that fixed set for as many epochs as expert iteration trains.
 */
import { defineMethod, type Problem } from "@lockpick/sdk";

const CHUNK = 4096;

export default defineMethod({
  name: "filtering",
  track: "rewards",
  description: "Sample once from the locked model, keep the best by reward, SFT (paper §6.1).",
  params: { keepFraction: 0.1, temperature: 1, lr: 3e-4, epochs: 16, batchSize: 16 },
  async elicit(ctx) {
    const p = ctx.params;
    const n = ctx.budget.remaining("rewardQueries");
    if (n < 1) return;
    const scored: { problem: Problem; completion: string; correct: boolean }[] = [];
    for (let start = 0; start < n; start += CHUNK) {
      const problems = ctx.problems.sample(Math.min(CHUNK, n - start));
      const outs = await ctx.model.generate(problems, { temperature: p.temperature });
      const completions = outs.map((o) => o[0] ?? "");
      const rewards = await ctx.reward(problems, completions);
      problems.forEach((problem, i) =>
        scored.push({ problem, completion: completions[i]!, correct: rewards[i]!.correct }),
      );
    }
    const keep = Math.max(1, Math.round(scored.length * p.keepFraction));
    const best = ctx.random
      .shuffle(scored)
      .sort((a, b) => Number(b.correct) - Number(a.correct))
      .slice(0, keep);
    const report = await ctx.model.sft(
      best.map((s) => ({ prompt: s.problem.prompt, completion: s.completion })),
      {
        lr: p.lr,
        epochs: p.epochs,
        batchSize: Math.min(p.batchSize, best.length),
        optimizer: "adam",
      },
    );
    const correct = scored.filter((s) => s.correct).length;
    ctx.log({ sampled: scored.length, correct, keep, finalLoss: report.finalLoss });
  },
});
