/**
 * SFT on k strong demonstrations (paper §5.1; schedule after Appendix G.3).
 *
 * G.3 picks the number of epochs per k on test correctness, which a method cannot see. The
 * reference replicate found that one fixed schedule tuned to one lock under-trains another, so
 * the default is a schedule that held up across its locks: Adam at a constant 3e-4, batch
 * min(k, 16), and max(256 steps, 16 epochs), i.e. the step count grows with k past 256
 * demonstrations and never drops below 256. With `select`, the method also picks the length
 * itself: it holds out part of the demonstrations it drew, trains on the rest while checking
 * greedy agreement with the held-out completions after ½×, 1× and 2× the schedule, then
 * retrains from the initial weights on all k with the best multiplier.
 */
import { defineMethod, type Demonstration, type ElicitContext } from "@lockpick/sdk";
import { fineTune, sftSchedule, tokenAgreement } from "@lockpick/sdk/helpers";

const params = {
  /** Adam learning rate (constant, no warm-up). */
  lr: 3e-4,
  batchSize: 16,
  /** Fewest optimizer steps, whatever k. */
  minSteps: 256,
  /** Fewest passes over the demonstrations (matters when k·epochs/batch > minSteps). */
  epochs: 16,
  /** Choose the schedule length on held-out demonstrations (from `selectMinK` demos on). */
  select: false,
  selectMinK: 16,
  /** Fraction of the demonstrations held out for the choice. */
  holdout: 0.25,
  /** Draw every demonstration from this one domain (paper §5.2); "" draws from all. */
  domain: "",
};
type P = typeof params;

async function heldOutScore(ctx: ElicitContext<P>, heldOut: readonly Demonstration[]) {
  const outs = await ctx.model.generate(heldOut);
  let total = 0;
  heldOut.forEach((d, i) => (total += tokenAgreement(outs[i]?.[0] ?? "", d.completion)));
  return total / heldOut.length;
}

/** Picks the multiplier of the schedule (½, 1 or 2) that best fits held-out demonstrations. */
async function chooseMultiplier(ctx: ElicitContext<P>, demos: readonly Demonstration[]) {
  const p = ctx.params;
  const shuffled = ctx.random.shuffle(demos);
  const h = Math.max(2, Math.round(demos.length * p.holdout));
  const heldOut = shuffled.slice(0, h);
  const train = shuffled.slice(h);
  const { batchSize, steps } = sftSchedule(p, train.length);
  const initial = await ctx.model.snapshot();
  let best = { multiplier: 1, score: -1 };
  let done = 0;
  for (const multiplier of [0.5, 1, 2]) {
    const target = Math.round(steps * multiplier);
    await fineTune(ctx, train, { lr: p.lr, batchSize, steps: target - done });
    done = target;
    const score = await heldOutScore(ctx, heldOut);
    ctx.log({ selectMultiplier: multiplier, selectSteps: target, heldOutAgreement: score });
    if (score > best.score) best = { multiplier, score };
  }
  await ctx.model.restore(initial);
  return best.multiplier;
}

export default defineMethod({
  name: "sft",
  track: "demonstrations",
  description: "Supervised fine-tuning on k strong demonstrations (paper §5.1, Appendix G.3).",
  params,
  async elicit(ctx) {
    const p = ctx.params;
    const k = ctx.budget.remaining("demonstrations");
    if (k < 1) return;
    const demos = await ctx.demonstrations(
      k,
      p.domain ? { source: "strong", domain: p.domain } : { source: "strong" },
    );
    const multiplier = p.select && k >= p.selectMinK ? await chooseMultiplier(ctx, demos) : 1;
    const { batchSize, steps } = sftSchedule(p, demos.length);
    const report = await fineTune(ctx, demos, {
      lr: p.lr,
      batchSize,
      steps: Math.round(steps * multiplier),
    });
    ctx.log({ k, steps: report.steps, multiplier, finalLoss: report.finalLoss });
  },
});
