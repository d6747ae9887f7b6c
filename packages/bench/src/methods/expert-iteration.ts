/**
 * Expert iteration (paper §6.1): repeat — sample one completion for a pool of problems from the
 * current model, score them with the reward oracle, keep the best tenth (ties broken at random,
 * so when few are correct some incorrect ones are kept, as in the paper), fine-tune on them.
 *
 * The paper used pools of 10n = 640 with n = 64. Small budgets cannot afford many such rounds,
 * so the pool shrinks with the budget (a quarter of it, at least 64, at most 10n): every budget
 * gets at least four rounds when it can.
 */
import { defineMethod, type Problem } from "@lockpick/sdk";

const params = {
  /** n: completions kept per round (the paper's best value). */
  keep: 64,
  /** Pool = poolFactor × kept completions (the paper's 10). */
  poolFactor: 10,
  temperature: 1,
  lr: 3e-4,
  epochs: 4,
  batchSize: 16,
};

interface Scored {
  problem: Problem;
  completion: string;
  correct: boolean;
  score: number;
}

export default defineMethod({
  name: "expert-iteration",
  track: "rewards",
  description: "Expert iteration: sample, keep the best by reward, SFT, repeat (paper §6.1).",
  params,
  async elicit(ctx) {
    const p = ctx.params;
    const budget = ctx.budget.remaining("rewardQueries");
    const maxPool = p.keep * p.poolFactor;
    const pool = Math.min(budget, maxPool, Math.max(64, Math.floor(budget / 4)));
    const keep = Math.max(1, Math.round(pool / p.poolFactor));
    for (let round = 0; pool > 0 && ctx.budget.remaining("rewardQueries") >= pool; round++) {
      const problems = ctx.problems.sample(pool);
      const outs = await ctx.model.generate(problems, { temperature: p.temperature });
      const completions = outs.map((o) => o[0] ?? "");
      const rewards = await ctx.reward(problems, completions);
      const scored: Scored[] = problems.map((problem, i) => ({
        problem,
        completion: completions[i]!,
        correct: rewards[i]!.correct,
        score: rewards[i]!.score,
      }));
      // Correct first, ties in random order.
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
      const accuracy = scored.filter((s) => s.correct).length / scored.length;
      ctx.log({ round, pool, keep, poolAccuracy: accuracy, finalLoss: report.finalLoss });
    }
  },
});
