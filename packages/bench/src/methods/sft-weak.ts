/**
 * SFT on k weak demonstrations: the sanity check of paper §5.1 / Appendix B.2. The locked model
 * already imitates π_weak without the password, so training on π_weak's own outputs should
 * unlock (almost) nothing; a rise above the floor is B.2's "weak sample unlocking". Same
 * schedule as the built-in `sft`, so the two are directly comparable.
 */
import { defineMethod } from "@lockpick/sdk";
import { demonstrationSft } from "@lockpick/sdk/helpers";

export default defineMethod({
  name: "sft-weak",
  track: "weak-demonstrations",
  description: "SFT on k weak demonstrations with sft's schedule (paper §5.1, B.2).",
  params: { lr: 3e-4, batchSize: 16, minSteps: 256, epochs: 16 },
  elicit: (ctx) => demonstrationSft(ctx, "weak", ctx.params),
});
