/**
 * Iterated DPO (paper §6.1): rounds of — sample two completions per problem from the current
 * model, keep the pairs whose rewards differ, train one epoch of DPO against the model as it
 * was at the start of the round. The host keeps at most 8 snapshots, so there are at most 8
 * rounds (the first uses the initial model as its reference, which needs no snapshot).
 */
import { defineMethod, type ElicitContext, type PreferencePair, type Problem } from "@lockpick/sdk";

const params = {
  rounds: 8,
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
): Promise<{ pairs: PreferencePair[]; accuracy: number }> {
  const pairs: PreferencePair[] = [];
  let correct = 0;
  for (let start = 0; start < problems.length; start += 2048) {
    const chunk = problems.slice(start, start + 2048);
    const outs = await ctx.model.generate(chunk, { temperature: ctx.params.temperature, n: 2 });
    const flat = outs.flatMap((o) => [o[0] ?? "", o[1] ?? ""]);
    const rewards = await ctx.reward(
      chunk.flatMap((q) => [q, q]),
      flat,
    );
    correct += rewards.filter((r) => r.correct).length;
    chunk.forEach((q, i) => {
      const a = rewards[2 * i]!;
      const b = rewards[2 * i + 1]!;
      if (a.correct === b.correct) return;
      const win = a.correct ? 2 * i : 2 * i + 1;
      const lose = a.correct ? 2 * i + 1 : 2 * i;
      pairs.push({ prompt: q.prompt, chosen: flat[win]!, rejected: flat[lose]! });
    });
  }
  return { pairs, accuracy: correct / (2 * problems.length) };
}

export default defineMethod({
  name: "iterated-dpo",
  track: "rewards",
  description: "Rounds of DPO on fresh samples against the previous round's model (§6.1).",
  params,
  async elicit(ctx) {
    const p = ctx.params;
    const budget = ctx.budget.remaining("rewardQueries");
    const rounds = Math.max(1, Math.min(p.rounds, 8, Math.floor(budget / p.minQueriesPerRound)));
    const perRound = Math.floor(budget / rounds / 2);
    if (perRound < 1) return;
    for (let round = 0; round < rounds; round++) {
      const reference = round === 0 ? "initial" : await ctx.model.snapshot();
      const { pairs, accuracy } = await samplePairs(ctx, ctx.problems.sample(perRound));
      ctx.log({ round, problems: perRound, pairs: pairs.length, sampleAccuracy: accuracy });
      if (pairs.length === 0) continue;
      await ctx.model.dpo(pairs, {
        lr: p.lr,
        beta: p.beta,
        epochs: p.epochs,
        batchSize: Math.min(p.batchSize, pairs.length),
        optimizer: "adam",
        reference,
      });
    }
  },
});
