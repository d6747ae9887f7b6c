/**
 * SFT on a few intermediate-strength demonstrations, then RL (paper B.3.3). The paper found a
 * short SFT warm start on a policy between π_weak and π_strong makes RL reach high correctness
 * in fewer steps, provided SFT stops early. Stage 1: a short SFT on `demos` intermediate
 * demonstrations (only if the run lends demonstrations; the standard `rewards` track does not,
 * and then this is expert iteration alone). Stage 2: expert iteration with the reward budget.
 */
import { defineMethod, type Demonstration, type Problem } from "@lockpick/sdk";

const params = {
  demos: 16,
  /** Deliberately short: B.3.3 stops fine-tuning earlier than validation would suggest. */
  sftSteps: 64,
  sftLr: 3e-4,
  keep: 64,
  poolFactor: 10,
  temperature: 1,
  lr: 3e-4,
  epochs: 4,
  batchSize: 16,
};

export default defineMethod({
  name: "sft-then-rl",
  track: "rewards",
  description: "Short SFT on intermediate demonstrations, then expert iteration (paper B.3.3).",
  params,
  async elicit(ctx) {
    const p = ctx.params;
    const lent = Math.min(p.demos, ctx.budget.remaining("demonstrations"));
    let demos: Demonstration[] = [];
    if (lent > 0) demos = await ctx.demonstrations(lent, { source: "intermediate" });
    if (demos.length > 0) {
      const report = await ctx.model.sft(
        demos.map((d) => ({ prompt: d.prompt, completion: d.completion })),
        {
          lr: p.sftLr,
          steps: p.sftSteps,
          batchSize: Math.min(p.batchSize, demos.length),
          optimizer: "adam",
        },
      );
      ctx.log({ stage: "sft", demos: demos.length, finalLoss: report.finalLoss });
    } else {
      ctx.log({ stage: "sft", note: "no demonstrations lent on this run: RL only" });
    }

    const budget = ctx.budget.remaining("rewardQueries");
    const pool = Math.min(budget, p.keep * p.poolFactor, Math.max(64, Math.floor(budget / 4)));
    const keep = Math.max(1, Math.round(pool / p.poolFactor));
    for (let round = 0; pool > 0 && ctx.budget.remaining("rewardQueries") >= pool; round++) {
      const problems: Problem[] = ctx.problems.sample(pool);
      const outs = await ctx.model.generate(problems, { temperature: p.temperature });
      const completions = outs.map((o) => o[0] ?? "");
      const rewards = await ctx.reward(problems, completions);
      const scored = problems.map((problem, i) => ({
        prompt: problem.prompt,
        completion: completions[i]!,
        correct: rewards[i]!.correct,
      }));
      const best = ctx.random
        .shuffle(scored)
        .sort((a, b) => Number(b.correct) - Number(a.correct))
        .slice(0, keep);
      await ctx.model.sft(
        best.map(({ prompt, completion }) => ({ prompt, completion })),
        {
          lr: p.lr,
          epochs: p.epochs,
          batchSize: Math.min(p.batchSize, best.length),
          optimizer: "adam",
        },
      );
      const accuracy = scored.filter((s) => s.correct).length / scored.length;
      ctx.log({ stage: "rl", round, pool, keep, poolAccuracy: accuracy });
    }
  },
});
