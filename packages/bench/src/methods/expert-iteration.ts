/**
 * Expert iteration (paper §6.1): repeat — sample one completion for a pool of problems from the
 * current model, score them with the reward oracle, keep the best tenth (ties broken at random,
 * so when few are correct some incorrect ones are kept, as in the paper), fine-tune on them.
 *
 * The paper used pools of 10n = 640 with n = 64. Small budgets cannot afford many such rounds,
 * so the pool shrinks with the budget (a quarter of it, at least 64, at most 10n): every budget
 * gets at least four rounds when it can.
 */
import { defineMethod } from "@lockpick/sdk";
import { expertIteration, expertIterationDefaults } from "@lockpick/sdk/helpers";

export default defineMethod({
  name: "expert-iteration",
  track: "rewards",
  description: "Expert iteration: sample, keep the best by reward, SFT, repeat (paper §6.1).",
  params: expertIterationDefaults,
  elicit: (ctx) => expertIteration(ctx, ctx.params),
});
