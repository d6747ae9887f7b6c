/**
 * DPO (paper §6.1): for each problem and each round, two completions sampled from the locked
 * model as it starts (without password); pairs whose rewards differ train the model with the
 * DPO loss against that same initial policy. Since every sample comes from the initial model,
 * all rounds' samples are drawn up front (same distribution as drawing them round by round),
 * then the rounds train one after another, one epoch each.
 */
import { defineMethod, type ElicitContext, type PreferencePair, type Problem } from "@lockpick/sdk";

const params = {
  /** Training rounds (the paper ran 12); fewer when the budget is small. */
  rounds: 12,
  /** Fewest reward queries a round should have (2 per problem). */
  minQueriesPerRound: 128,
  temperature: 1,
  beta: 0.1,
  lr: 1e-4,
  epochs: 1,
  batchSize: 16,
};

async function samplePairs(
  ctx: ElicitContext<typeof params>,
  problems: readonly Problem[],
): Promise<PreferencePair[]> {
  const pairs: PreferencePair[] = [];
  for (let start = 0; start < problems.length; start += 2048) {
    const chunk = problems.slice(start, start + 2048);
    const outs = await ctx.model.generate(chunk, { temperature: ctx.params.temperature, n: 2 });
    const flat = outs.flatMap((o) => [o[0] ?? "", o[1] ?? ""]);
    const rewards = await ctx.reward(
      chunk.flatMap((q) => [q, q]),
      flat,
    );
    chunk.forEach((q, i) => {
      const [a, b] = [rewards[2 * i]!, rewards[2 * i + 1]!];
      if (a.correct === b.correct) return;
      const [chosen, rejected] = a.correct
        ? [flat[2 * i]!, flat[2 * i + 1]!]
        : [flat[2 * i + 1]!, flat[2 * i]!];
      pairs.push({ prompt: q.prompt, chosen, rejected });
    });
  }
  return pairs;
}

export default defineMethod({
  name: "dpo",
  track: "rewards",
  description: "DPO on pairs sampled from the initial locked model, rewards as preferences (§6.1).",
  params,
  async elicit(ctx) {
    const p = ctx.params;
    const budget = ctx.budget.remaining("rewardQueries");
    const rounds = Math.max(1, Math.min(p.rounds, Math.floor(budget / p.minQueriesPerRound)));
    const perRound = Math.floor(budget / rounds / 2);
    if (perRound < 1) return;
    const batches: PreferencePair[][] = [];
    for (let r = 0; r < rounds; r++)
      batches.push(await samplePairs(ctx, ctx.problems.sample(perRound)));
    for (const [round, pairs] of batches.entries()) {
      if (pairs.length === 0) continue;
      const report = await ctx.model.dpo(pairs, {
        lr: p.lr,
        beta: p.beta,
        epochs: p.epochs,
        batchSize: Math.min(p.batchSize, pairs.length),
        optimizer: "adam",
        reference: "initial",
      });
      ctx.log({ round, problems: perRound, pairs: pairs.length, finalLoss: report.finalLoss });
    }
  },
});
