/**
 * SFT on k demonstrations of an intermediate policy, between π_weak and π_strong (paper B.3.2).
 * The question is whether fine-tuning overshoots the intermediate policy's correctness; the
 * paper found such overshoot weak and rare. Same schedule as the built-in `sft`.
 */
import { defineMethod } from "@lockpick/sdk";
import { demonstrationSft } from "@lockpick/sdk/helpers";

export default defineMethod({
  name: "sft-intermediate",
  track: "weak-demonstrations",
  description: "SFT on k intermediate-policy demonstrations (paper B.3.2).",
  params: { lr: 3e-4, batchSize: 16, minSteps: 256, epochs: 16 },
  elicit: (ctx) => demonstrationSft(ctx, "intermediate", ctx.params),
});
