// The "weak" demonstration source: when the lock ships π_weak as a model (weak.kind "model"),
// demonstrations are its greedy completions in the lock's layout; otherwise the task's weak
// policy, as for every lock built on a rule-based π_weak.
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { createTask, type Problem } from "@lockpick/tasks";
import { disposeModel, initBackend, type Model } from "../engine";
import { attachWeakModel, readLockManifest } from "../lock/locked-model";
import { greedyTokens, newModel } from "../lock/model-ops";
import { parseRecipe } from "../lock/recipe";
import { referenceModelDir } from "../lock/reference-models";
import { copyLockWithTaskConfig } from "../lock/testing";
import { taskView } from "../lock/task-view";
import { createHost } from "./engine-model-host";
import { planCall, type CallState } from "./host-calls";
import type { ModelHost } from "./model-host";
import { deriveRng } from "./rng";

const TASK = "function-composition";
const task = createTask(TASK);
let home: string;
let shipped: string;
/** The shipped lock, re-labelled weak.kind "model" and given a (random-init) π_weak model. */
let withWeak: string;
let weak: Model;
let expectedOf: (problems: readonly Problem[]) => Promise<string[]>;

before(async () => {
  await initBackend("cpu");
  home = await mkdtemp(join(tmpdir(), "lockpick-weak-demos-"));
  shipped = referenceModelDir(TASK);
  withWeak = await copyLockWithTaskConfig(shipped, join(home, "weak-model"), { ...task.config });
  const manifest = await readLockManifest(withWeak);
  const architecture = { layers: 1, dModel: 16, heads: 2, mlpRatio: 2 };
  const recipe = parseRecipe({
    ...manifest.recipe,
    weak: {
      kind: "model",
      architecture,
      optimizer: { kind: "adamw", lr: 1e-3, beta1: 0.9, beta2: 0.98, weightDecay: 0, clip: 1 },
      schedule: { steps: 1, batchSize: 1, warmupSteps: 0, cooldownSteps: 0 },
    },
  });
  const view = taskView(task, recipe.password.width);
  weak = newModel(architecture, view, 5);
  // The recipe in lockpick.json says "model" too (the manifest is not among its hashed files).
  const path = join(withWeak, "lockpick.json");
  const json = JSON.parse(await readFile(path, "utf8")) as { recipe: unknown };
  json.recipe = recipe;
  await writeFile(path, JSON.stringify(json, null, 2));
  await attachWeakModel(withWeak, weak, view, recipe);
  expectedOf = async (problems) =>
    (await greedyTokens(weak, view, problems)).map((t) => t.join(" "));
});
after(async () => {
  disposeModel(weak);
  await rm(home, { recursive: true, force: true });
});

const problemsOf = (host: ModelHost, indices: number[]) =>
  indices.map((i) => task.problem(host.problem(i).id)!);

test("weak demonstrations are the shipped π_weak model's greedy completions", async () => {
  const host = await createHost({ modelDir: withWeak, backend: "cpu", poolSize: 32 }, 1);
  try {
    const indices = [3, 0, 17, 9, 3];
    const got = await host.demonstrate(indices, "weak");
    const problems = problemsOf(host, indices);
    const policy = problems.map((p) => task.policies.weak(p));
    assert.notDeepEqual(policy, await expectedOf(problems), "the model is not the policy");
    assert.deepEqual(got, await expectedOf(problems));
    assert.notDeepEqual(got, policy, "not the task's weak policy");
    // Again (cached), and other sources stay the task's policies.
    assert.deepEqual(await host.demonstrate(indices, "weak"), got);
    assert.deepEqual(
      await host.demonstrate([1, 2], "strong"),
      problemsOf(host, [1, 2]).map((p) => task.policies.strong(p)),
    );

    // Through the host call the plugin makes (`ctx.demonstrations` on the weak track).
    const state: CallState = {
      host,
      rng: deriveRng(7, "calls"),
      track: "weak-demonstrations",
      deadline: () => Date.now() + 60_000,
      drawn: new Set(),
      snapshots: new Set(),
      logs: [],
      t0: Date.now(),
      scoring: null,
    };
    const work = planCall("demonstrations", [4, { source: "weak" }], state);
    const { value } = await work.run!();
    const demos = value as { id: string; completion: string; source: string }[];
    const expected = await expectedOf(demos.map((d) => task.problem(d.id)!));
    assert.deepEqual(
      demos.map((d) => d.completion),
      expected,
    );
    assert.ok(demos.every((d) => d.source === "weak"));
  } finally {
    host.dispose();
  }
});

test("a lock without a shipped π_weak lends the task's weak policy", async () => {
  assert.equal((await readLockManifest(shipped)).weak, undefined, "old manifests still load");
  const host = await createHost({ modelDir: shipped, backend: "cpu", poolSize: 32 }, 1);
  try {
    const indices = [0, 5, 11];
    assert.deepEqual(
      await host.demonstrate(indices, "weak"),
      problemsOf(host, indices).map((p) => task.policies.weak(p)),
    );
  } finally {
    host.dispose();
  }
});
