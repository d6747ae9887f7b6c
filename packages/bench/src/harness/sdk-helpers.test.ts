// @lockpick/sdk/helpers inside the real sandbox (bundled into the plugin) over the fake host:
// two-stage sampling spends exactly the reward queries it reports, within its share.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runFake } from "./test/run-fake";

const source = `
import { defineMethod } from "@lockpick/sdk";
import { preferencePairs, sampleScored } from "@lockpick/sdk/helpers";
export default defineMethod({
  name: "helpers",
  track: "rewards",
  async elicit(ctx) {
    const groups = await sampleScored(ctx, ctx.problems.sample(100), {
      temperature: 1, contrastSamples: 8, contrastQueries: 30,
      contrastIf: () => true,
    });
    const pairs = preferencePairs(groups, { by: "correct" });
    const scored = groups.reduce((s, g) => s + g.samples.length, 0);
    const distinct = groups.every((g) => new Set(g.samples.map((x) => x.completion)).size === g.samples.length);
    ctx.log({ scored, distinct, pairs: pairs.length, pairsOk: pairs.every((p) => p.chosen !== p.rejected) });
  },
});`;

test("sampleScored scores each distinct completion once, within its query share", async () => {
  const result = await runFake(source, { track: "rewards", budget: 1000 });
  assert.equal(result.status, "completed", result.error);
  const m = result.logs[0]!.metrics;
  assert.equal(m.distinct, true);
  assert.equal(m.pairsOk, true);
  assert.equal(result.spent?.rewardQueries, m.scored, "every scored sample is one query");
  assert.ok((m.scored as number) > 100 && (m.scored as number) <= 130, `${m.scored}`);
  assert.ok((m.pairs as number) > 0);
});
