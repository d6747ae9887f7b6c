/**
 * DPO with continuous rewards (paper B.3.1, Eq. 2): pairs are ordered by the oracle's continuous
 * score and each pair's DPO loss is weighted by the score gap R(y+) − R(y−), with the initial
 * locked policy as the reference throughout. Samples come from the current model each round.
 * Gaps are divided by the round's mean gap so the learning rate means the same as in `dpo`
 * (Eq. 2's relative weighting is kept; only its overall scale changes).
 *
 * Sampling is two-stage (`sampleScored` in @lockpick/sdk/helpers; see iterated-dpo for why):
 * the problems whose first sample scores at least `contrastScore` get `contrastSamples`
 * distinct higher-temperature samples, so there are score gaps to learn from. A final check on
 * `checkQueries` reserved reward queries keeps the best round's model (`dpoRounds`).
 */
import { defineMethod } from "@lockpick/sdk";
import { dpoDefaults, dpoRounds } from "@lockpick/sdk/helpers";

export default defineMethod({
  name: "dpo-continuous",
  track: "rewards",
  description:
    "DPO weighted by continuous-reward gaps, initial policy as reference (B.3.1, Eq. 2).",
  params: {
    rounds: 8,
    checkQueries: 128,
    ...dpoDefaults,
    /** Problems whose first sample scores at least this get the extra samples. */
    contrastScore: 0.5,
    /** Pairs whose score gap is below this are dropped. */
    minGap: 1e-3,
  },
  elicit: (ctx) =>
    dpoRounds(ctx, ctx.params, {
      reference: "initial",
      by: "score",
      minGap: ctx.params.minGap,
      weighByGap: true,
      contrastIf: (s) => s.score >= ctx.params.contrastScore,
    }),
});
