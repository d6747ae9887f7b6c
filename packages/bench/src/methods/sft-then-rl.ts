/**
 * SFT on a few intermediate-strength demonstrations, then RL (paper B.3.3). The paper found a
 * short SFT warm start on a policy between π_weak and π_strong makes RL reach high correctness
 * in fewer steps, provided SFT stops early. Stage 1: a short SFT on `demos` intermediate
 * demonstrations (only if the run lends demonstrations; the standard `rewards` track does not,
 * and then this is expert iteration alone). Stage 2: expert iteration with the reward budget.
 */
import { defineMethod, type Demonstration } from "@lockpick/sdk";
import { expertIteration, expertIterationDefaults, fineTune } from "@lockpick/sdk/helpers";

const params = {
  demos: 16,
  /** Deliberately short: B.3.3 stops fine-tuning earlier than validation would suggest. */
  sftSteps: 64,
  sftLr: 3e-4,
  ...expertIterationDefaults,
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
      const report = await fineTune(ctx, demos, {
        lr: p.sftLr,
        steps: p.sftSteps,
        batchSize: Math.min(p.batchSize, demos.length),
      });
      ctx.log({ stage: "sft", demos: demos.length, finalLoss: report.finalLoss });
    } else {
      ctx.log({ stage: "sft", note: "no demonstrations lent on this run: RL only" });
    }

    await expertIteration(ctx, p, { stage: "rl" });
  },
});
