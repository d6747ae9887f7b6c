/**
 * Iterated DPO (paper §6.1): rounds of — sample from the current model, score with the reward
 * oracle, train DPO on (better, worse) pairs against the model as it was at the start of the
 * round. The host keeps at most 8 snapshots, so there are at most 8 rounds (the first uses the
 * initial model as its reference, which needs no snapshot).
 *
 * Sampling is two-stage (`sampleScored` in @lockpick/sdk/helpers): a locked model answers most
 * problems the same way every time, so two temperature-1 samples per problem (the first
 * version) almost never differed in reward and gave ~1 pair per round. Here each problem gets
 * one temperature-1 sample; the problems it got right get `contrastSamples` more at a higher
 * temperature, and only the distinct ones are scored, so the budget buys (right, wrong) pairs.
 * With `checkQueries` > 0, a final check on that many reserved reward queries keeps the best
 * round's model (`dpoRounds`).
 */
import { defineMethod } from "@lockpick/sdk";
import { dpoDefaults, dpoRounds } from "@lockpick/sdk/helpers";

export default defineMethod({
  name: "iterated-dpo",
  track: "rewards",
  description: "Rounds of DPO on fresh samples against the previous round's model (§6.1).",
  // No final check by default: on ft-default (N = 1024, 3 seeds) its reserve cost more than it
  // saved (45.6 % ± 7.0 with 128 check queries; see docs/methods.md). dpo-continuous keeps it.
  params: { rounds: 8, checkQueries: 0, ...dpoDefaults },
  elicit: (ctx) => dpoRounds(ctx, ctx.params, { reference: "previous", by: "correct" }),
});
