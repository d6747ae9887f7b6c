// The harness adapter over the real engine and the shipped function-composition lock: a tiny
// plugin's run comes back scored, with the harness's learning curves in `curves`.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { bundlePlugin } from "@lockpick/bench/harness";
import harnessRun from "./harness-run";
import { runOutcomeSchema } from "./run-request";

const modelDir = fileURLToPath(
  new URL("../../../../packages/bench/models/function-composition/ft-default/", import.meta.url),
);

test("harness runs carry the learning curves", async () => {
  const bundle = await bundlePlugin(`
    import { defineMethod } from "@lockpick/sdk";
    export default defineMethod({
      name: "tiny-sft",
      track: "demonstrations",
      async elicit(ctx) {
        const demos = await ctx.demonstrations(4);
        const report = await ctx.model.sft(demos, { steps: 4, lr: 1e-4 });
        ctx.log({ finalLoss: report.finalLoss });
      },
    });`);
  const outcome = await harnessRun(
    {
      runId: "r1",
      attempt: 1,
      seed: 1,
      budget: 4,
      track: "demonstrations",
      bundle: bundle.code,
      bundleSha256: bundle.sha256,
      params: {},
      task: {
        slug: "function-composition",
        familyId: "function-composition",
        config: {},
        version: 1,
      },
      model: {
        id: "m1",
        name: "ft-default",
        visibility: "public",
        checkpointDir: modelDir,
        checkpointSha256: null,
        password: null,
        lockReport: null,
      },
    },
    { progress: () => undefined, log: () => undefined },
  );
  const parsed = runOutcomeSchema.parse(outcome);
  assert.equal(parsed.status, "succeeded");
  if (parsed.status !== "succeeded") return;
  const curves = parsed.curves as Record<string, { x: number; y: number }[]>;
  assert.deepEqual(
    curves["spent.demonstrations"]?.map((p) => p.y),
    [0, 4],
  );
  assert.equal(curves["log.finalLoss"]?.length, 1);
  // Start and end at least (the probe after this short sft may be skipped by the 10 % cap).
  const probe = curves["probe.correctness"] ?? [];
  assert.ok(probe.length >= 2, JSON.stringify(probe));
  assert.equal(probe[0]!.x, 0);
  assert.ok(probe.at(-1)!.x > 0);
});
