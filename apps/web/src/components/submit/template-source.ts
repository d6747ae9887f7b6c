/** The starting point in the submit form: a small, valid demonstrations method. */
export const TEMPLATE_SOURCE = `import { defineMethod } from "@lockpick/sdk";

export default defineMethod({
  name: "my-sft",
  track: "demonstrations",
  description: "Fine-tune on every demonstration the budget allows.",
  params: { lr: 3e-4, steps: 64 },
  async elicit(ctx) {
    const k = ctx.budget.remaining("demonstrations");
    const demos = await ctx.demonstrations(k, { source: "strong" });
    const report = await ctx.model.sft(
      demos.map((d) => ({ prompt: d.prompt, completion: d.completion })),
      { lr: ctx.params.lr, steps: ctx.params.steps, batchSize: Math.min(8, demos.length) },
    );
    ctx.log({ demos: demos.length, finalLoss: report.finalLoss });
  },
});
`;
