/**
 * SFT on k demonstrations of an intermediate policy, between π_weak and π_strong (paper B.3.2).
 * The question is whether fine-tuning overshoots the intermediate policy's correctness; the
 * paper found such overshoot weak and rare. Same schedule as the built-in `sft`.
 */
import { defineMethod } from "@lockpick/sdk";

export default defineMethod({
  name: "sft-intermediate",
  track: "weak-demonstrations",
  description: "SFT on k intermediate-policy demonstrations (paper B.3.2).",
  params: { lr: 3e-4, batchSize: 16, minSteps: 256, epochs: 16 },
  async elicit(ctx) {
    const p = ctx.params;
    const k = ctx.budget.remaining("demonstrations");
    if (k < 1) return;
    const demos = await ctx.demonstrations(k, { source: "intermediate" });
    const batchSize = Math.max(1, Math.min(p.batchSize, demos.length));
    const steps = Math.max(p.minSteps, Math.ceil((p.epochs * demos.length) / batchSize));
    const report = await ctx.model.sft(
      demos.map((d) => ({ prompt: d.prompt, completion: d.completion })),
      { lr: p.lr, batchSize, steps, optimizer: "adam" },
    );
    ctx.log({ k, steps: report.steps, finalLoss: report.finalLoss });
  },
});
