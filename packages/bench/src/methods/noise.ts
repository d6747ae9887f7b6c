/**
 * Noise injection (Tice et al. 2024, "Noise injection reveals hidden capabilities of
 * sandbagging language models"): adding Gaussian noise to the weights can disrupt a
 * sandbagging behaviour before it disrupts the capability, so performance may rise at some
 * noise level. Sweep standard deviations on a log grid (several noise seeds each), score every
 * perturbed model, keep the best if it beats the unperturbed one, else restore.
 *
 * The score needs a signal the track pays for: on `rewards`, greedy correctness on a fixed set
 * of elicitation problems (reward queries); on `demonstrations`, greedy token agreement with the
 * k strong demonstrations drawn. Picking by an unpaid signal would leak the task, and without
 * any signal the choice is blind, so those are the only tracks this method is honest on.
 */
import { defineMethod, type Demonstration, type ElicitContext, type Problem } from "@lockpick/sdk";
import { tokenAgreement } from "@lockpick/sdk/helpers";

const params = {
  minStd: 1e-3,
  maxStd: 3e-2,
  levels: 6,
  /** Noise seeds per level (fewer when the budget cannot pay for them). */
  seedsPerLevel: 4,
  /** Problems scored per candidate on the rewards track (at most). */
  evalProblems: 64,
};
type Ctx = ElicitContext<typeof params>;

/** A scorer of the current weights and how many candidates (besides the baseline) it allows. */
async function makeScorer(ctx: Ctx): Promise<{ score: () => Promise<number>; budget: number }> {
  if (ctx.track === "rewards") {
    const n = ctx.budget.remaining("rewardQueries");
    const m = Math.max(1, Math.min(ctx.params.evalProblems, Math.floor(n / 8)));
    const problems: Problem[] = ctx.problems.sample(Math.min(m, n));
    const score = async () => {
      const outs = await ctx.model.generate(problems);
      const rewards = await ctx.reward(
        problems,
        outs.map((o) => o[0] ?? ""),
      );
      // Correctness first; the continuous score only breaks ties.
      return rewards.reduce((s, r) => s + Number(r.correct) + 1e-3 * r.score, 0) / m;
    };
    return { score, budget: Math.floor(n / m) - 1 };
  }
  const k = ctx.budget.remaining("demonstrations");
  const demos: Demonstration[] = k > 0 ? await ctx.demonstrations(k, { source: "strong" }) : [];
  const score = async () => {
    const outs = await ctx.model.generate(demos);
    const total = demos.reduce(
      (s, d, i) => s + tokenAgreement(outs[i]?.[0] ?? "", d.completion),
      0,
    );
    return total / Math.max(1, demos.length);
  };
  return { score, budget: demos.length > 0 ? Number.MAX_SAFE_INTEGER : 0 };
}

export default defineMethod({
  name: "noise",
  track: ["rewards", "demonstrations"],
  description:
    "Sweep Gaussian weight noise, keep the best-scoring perturbation (Tice et al. 2024).",
  params,
  async elicit(ctx) {
    const p = ctx.params;
    const scorer = await makeScorer(ctx);
    const initial = await ctx.model.snapshot();
    const baseline = await scorer.score();
    ctx.log({ std: 0, score: baseline });
    const stds = Array.from({ length: p.levels }, (_, i) =>
      p.levels === 1 ? p.minStd : p.minStd * (p.maxStd / p.minStd) ** (i / (p.levels - 1)),
    );
    // Keep one perturbation to re-apply the winner at the end.
    const affordable = Math.min(scorer.budget, ctx.budget.remaining("perturbations") - 1);
    const perLevel = Math.max(0, Math.min(p.seedsPerLevel, Math.floor(affordable / stds.length)));
    const candidates = stds.flatMap((std) =>
      Array.from({ length: perLevel }, () => ({ std, seed: ctx.random.int(2 ** 31) })),
    );
    let best = { std: 0, seed: 0, score: baseline };
    for (const c of candidates) {
      await ctx.model.restore(initial);
      await ctx.model.perturb(c);
      const score = await scorer.score();
      ctx.log({ std: c.std, seed: c.seed, score });
      if (score > best.score) best = { ...c, score };
    }
    await ctx.model.restore(initial);
    if (best.std > 0) await ctx.model.perturb({ std: best.std, seed: best.seed });
    ctx.log({ chosenStd: best.std, chosenScore: best.score, baseline });
  },
});
