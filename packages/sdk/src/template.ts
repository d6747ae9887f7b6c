/**
 * Template method: copy this file, rename it, and change `elicit`.
 *
 * It fine-tunes on every demonstration the budget allows, then checks itself on a few
 * elicitation problems. Run it locally with
 *   npx lockpick run packages/sdk/src/template.ts --task function-composition \
 *     --track demonstrations --budget 16 --seeds 3
 */
// eslint-disable-next-line no-restricted-imports -- written exactly as a plugin imports the SDK
import { BudgetExceededError, defineMethod } from "@lockpick/sdk";

export default defineMethod({
  name: "template-sft",
  track: ["demonstrations", "weak-demonstrations"],
  description: "SFT on all demonstrations the budget allows.",
  // Defaults; a run may override any of them (same type) without editing the code.
  params: { lr: 3e-4, steps: 256, batchSize: 16 },

  async elicit(ctx) {
    // The budget of a demonstration track is the number of demonstrations (k).
    const k = ctx.budget.remaining("demonstrations");
    const source = ctx.track === "weak-demonstrations" ? "weak" : "strong";
    const demos = await ctx.demonstrations(k, { source });

    const report = await ctx.model.sft(
      demos.map((d) => ({ prompt: d.prompt, completion: d.completion })),
      {
        lr: ctx.params.lr,
        steps: ctx.params.steps,
        batchSize: Math.min(ctx.params.batchSize, demos.length),
        optimizer: "adam",
      },
    );
    ctx.log({ demos: demos.length, finalLoss: report.finalLoss });

    // Optional: look at a few greedy answers (spends generated tokens, not reward queries).
    try {
      const probe = ctx.problems.sample(4);
      const outs = await ctx.model.generate(probe.map((p) => p.prompt));
      ctx.log({ probe: outs.map((o) => o[0]).join(" | ") });
    } catch (error) {
      // Out of generation budget: the model is scored as it stands anyway.
      if (!(error instanceof BudgetExceededError)) throw error;
    }
  },
});
