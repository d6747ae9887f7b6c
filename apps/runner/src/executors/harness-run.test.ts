// The harness adapter over the real engine and the shipped function-composition lock: a tiny
// plugin's run comes back scored, with the harness's learning curves in `curves`; a failing
// one's reason points into its TypeScript source when the submission stored a source map; a
// lock built on a non-default config runs on that config's problems, and only on an instance of it;
// a lock of another X of the task's version N is run, one of another N is refused.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { bundlePlugin } from "@lockpick/bench/harness";
import { copyLockWithTaskConfig, copyLockWithTaskVersion } from "@lockpick/bench/lock/testing";
import { createTask, getTaskFamily } from "@lockpick/tasks";
import harnessRun, { checkModelTask } from "./harness-run";
import { runOutcomeSchema, type RunRequest } from "./run-request";

const modelDir = fileURLToPath(
  new URL("../../../../packages/bench/models/function-composition/ft-default/", import.meta.url),
);

/** A run request of the bundle on the shipped lock (or `checkpointDir`), budget 4 (one seed). */
function runRequest(
  bundle: { code: string; sha256: string; sourceMap?: string },
  checkpointDir = modelDir,
): RunRequest {
  return {
    runId: "r1",
    attempt: 1,
    seed: 1,
    budget: 4,
    track: "demonstrations",
    bundle: bundle.code,
    bundleSha256: bundle.sha256,
    bundleSourceMap: bundle.sourceMap ?? null,
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
      checkpointDir,
      checkpointSha256: null,
      password: null,
      lockReport: null,
    },
  };
}
const hooks = { progress: () => undefined, log: () => undefined };

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
  const outcome = await harnessRun(runRequest(bundle), hooks);
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

test("a run failure's reason points at the line of the plugin's source that threw", async () => {
  const source = `import { defineMethod } from "@lockpick/sdk";

type Plan = { steps: number };

export default defineMethod({
  name: "throws",
  track: "demonstrations",
  async elicit() {
    const plan: Plan = { steps: 0 };
    if (plan.steps === 0) throw new Error("no steps planned");
  },
});
`;
  const line = source.split("\n").findIndex((l) => l.includes("no steps planned")) + 1;
  const bundle = await bundlePlugin(source);
  const outcome = runOutcomeSchema.parse(await harnessRun(runRequest(bundle), hooks));
  assert.equal(outcome.status, "failed");
  if (outcome.status !== "failed") return;
  assert.equal(outcome.kind, "plugin");
  assert.match(
    outcome.reason,
    new RegExp(`Error: no steps planned\\n\\s+at .*plugin\\.ts:${line}:\\d+`),
  );
  // A bundle stored without a map (older submissions) still fails with the bundle's frames.
  const { sourceMap: _, ...bare } = bundle;
  const unmapped = runOutcomeSchema.parse(await harnessRun(runRequest(bare), hooks));
  assert.match(unmapped.status === "failed" ? unmapped.reason : "", /plugin\.js:\d+:\d+/);
});

test("a lock built on a non-default config runs on that config's problems, on its instance only", async () => {
  const family = getTaskFamily("function-composition");
  const config = { ...(family.defaultConfig as object), compositionLength: 1 };
  const home = await mkdtemp(join(tmpdir(), "lockpick-harness-run-"));
  try {
    // The shipped weights, saying they were locked on compositionLength 1.
    const dir = await copyLockWithTaskConfig(modelDir, join(home, "short"), config);
    const bundle = await bundlePlugin(`
      import { defineMethod } from "@lockpick/sdk";
      export default defineMethod({
        name: "shape",
        track: "demonstrations",
        async elicit(ctx) {
          const [demo] = await ctx.demonstrations(1);
          ctx.log({
            maxCompletionTokens: ctx.task.maxCompletionTokens,
            demoTokens: demo!.completion.split(" ").length,
          });
        },
      });`);
    const base = runRequest(bundle, dir);
    const request = {
      ...base,
      task: { ...base.task, slug: "function-composition-composition-length-1", config },
    };
    const outcome = runOutcomeSchema.parse(await harnessRun(request, hooks));
    assert.equal(outcome.status, "succeeded", JSON.stringify(outcome));
    if (outcome.status !== "succeeded") return;
    const short = createTask(family.id, config);
    assert.notEqual(short.maxCompletionTokens, createTask(family.id).maxCompletionTokens);
    const curves = outcome.curves as Record<string, { y: number }[]>;
    // The problems the plugin saw (and the host scored) are compositions of one function.
    assert.equal(curves["log.maxCompletionTokens"]?.[0]?.y, short.maxCompletionTokens);
    assert.equal(curves["log.demoTokens"]?.[0]?.y, short.maxCompletionTokens);
    const harnessTask = outcome.reproducibility.harnessTask as { config?: unknown };
    assert.deepEqual(harnessTask.config, config);

    // The same checkpoint on the family's default instance is refused before anything runs.
    await assert.rejects(
      harnessRun(runRequest(bundle, dir), hooks),
      /locked on function-composition .*"compositionLength":1.*task function-composition is/,
    );
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});

test("a lock of another X of the task's N passes the task check; one of another N is refused", async () => {
  const family = getTaskFamily("function-composition");
  const [n, x] = family.version.split("-").map(Number) as [number, number];
  const home = await mkdtemp(join(tmpdir(), "lockpick-harness-version-"));
  try {
    const { task } = runRequest({ code: "", sha256: "" });
    const nextX = await copyLockWithTaskVersion(modelDir, join(home, "x"), `${n}-${x + 1}`);
    await checkModelTask(task, nextX);
    const nextN = await copyLockWithTaskVersion(modelDir, join(home, "n"), `${n + 1}-0`);
    await assert.rejects(
      checkModelTask(task, nextN),
      new RegExp(
        `^Error: the model was locked on ${family.id} ${n + 1}-0, task is ${family.version}: N differs`,
      ),
    );
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});
