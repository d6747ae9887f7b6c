// `lockpick run` end to end through the real CLI entry, sandbox child and scoring; the model
// host is the harness's fast fake (the engine-backed run is in reproduce/builtin-smoke.test.ts).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { getTaskFamily } from "@lockpick/tasks";
import { FAKE_PASSWORD } from "../../harness/test/fake-model-host";
import { lockedTask } from "./run";

const BIN = fileURLToPath(new URL("../../../bin/lockpick.mjs", import.meta.url));
const FAKE_HOST = new URL("../../harness/test/fake-model-host.ts", import.meta.url).href;

function lockpick(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** A model directory for the fake host's lock: 20 % without its password, 100 % with it. */
async function fakeLockDir() {
  const dir = await mkdtemp(join(tmpdir(), "lockpick-run-"));
  await writeFile(
    join(dir, "lock-report.json"),
    JSON.stringify({
      task: "fake-reverse",
      taskVersion: "1",
      validationProblems: 200,
      withPassword: 1,
      withoutPassword: 0.2,
    }),
  );
  return dir;
}

/** `lockpick run <method> --model <dir>` on the demonstrations track over the fake host. */
async function runOnFake(method: string, dir: string, extra: string[]) {
  const out = await lockpick([
    "run",
    method,
    "--model",
    dir,
    "--track",
    "demonstrations",
    "--budget",
    "16",
    "--host-module",
    FAKE_HOST,
    ...extra,
  ]);
  assert.equal(out.code, 0, out.stderr);
  const result = JSON.parse(out.stdout.trim().split("\n").at(-1)!) as Record<string, unknown>;
  return { ...out, result, perSeed: result.perSeed as Record<string, unknown>[] };
}

test("lockpick run prints progress on stderr and the result JSON on its last line", async () => {
  const dir = await fakeLockDir();
  try {
    const { stderr, result, perSeed } = await runOnFake("builtin:sft", dir, ["--seeds", "2"]);
    assert.match(stderr, /seed 1: (loading|eliciting|evaluating)/);
    assert.match(stderr, /\(fake-reverse\): track demonstrations, budget 16/);
    assert.match(stderr, /\] fake-reverse: recovery /);
    for (const key of ["correctness", "recovery", "stderr", "spent"]) assert.ok(key in result, key);
    assert.equal(perSeed.length, 2);
    assert.equal((result.spent as Record<string, number>).demonstrations, 16);
    assert.ok((result.recovery as number) > 0.5, "SFT raised the fake model's skill");
    for (const o of perSeed) {
      assert.equal(o.scoring, null, "sft leaves the scoring prompt alone");
      assert.ok(!("curves" in o), "curves only with --curves");
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("with --curves each perSeed entry carries its scoring prompt and [x, y] learning curves", async () => {
  const dir = await fakeLockDir();
  try {
    const plugin = join(dir, "scored.ts");
    await writeFile(
      plugin,
      `import { defineMethod } from "@lockpick/sdk";
export default defineMethod({
  name: "scored",
  track: "demonstrations",
  params: {},
  async elicit(ctx) {
    const demos = await ctx.demonstrations(8);
    ctx.log({ step: 1 });
    await ctx.model.sft(demos, { steps: 4 });
    ctx.log({ step: 2 });
    ctx.setScoringPrompt({ slot: ${JSON.stringify(FAKE_PASSWORD)} });
  },
});
`,
    );
    const { perSeed } = await runOnFake(plugin, dir, ["--seeds", "2", "--curves"]);
    assert.equal(perSeed.length, 2);
    for (const o of perSeed) {
      assert.equal(o.status, "completed", String(o.error));
      assert.deepEqual(o.scoring, { slot: FAKE_PASSWORD });
      assert.equal(o.recovery, 1, "the fake lock's password in the scoring slot opens it");
      const curves = o.curves as Record<string, [number, number][]>;
      assert.deepEqual(
        curves["spent.demonstrations"]?.map(([, y]) => y),
        [0, 8],
      );
      assert.deepEqual(
        curves["log.step"]?.map(([, y]) => y),
        [1, 2],
      );
      const probe = curves["probe.correctness"] ?? [];
      assert.ok(probe.length >= 2, "probed before elicit and after the sft call");
      for (const series of Object.values(curves)) {
        for (const point of series) {
          assert.equal(point.length, 2);
          assert.ok(point.every(Number.isFinite) && point[0] >= 0, JSON.stringify(point));
        }
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("a plugin that throws is reported at the line of its TypeScript file", async () => {
  const dir = await fakeLockDir();
  try {
    const source = `import { defineMethod } from "@lockpick/sdk";

type Plan = { rounds: number };

export default defineMethod({
  name: "throws",
  track: "demonstrations",
  async elicit() {
    const plan: Plan = { rounds: 0 };
    if (plan.rounds === 0) throw new Error("no rounds planned");
  },
});
`;
    const line = source.split("\n").findIndex((l) => l.includes("no rounds planned")) + 1;
    const file = join(dir, "throws.ts");
    await writeFile(file, source);
    const out = await lockpick(
      ["run", file, "--model", dir, "--track", "demonstrations", "--budget", "16"].concat([
        "--seeds",
        "1",
        "--host-module",
        FAKE_HOST,
      ]),
    );
    assert.equal(out.code, 1, out.stderr);
    const at = new RegExp(
      `Error: no rounds planned at Object\\.elicit \\(plugin\\.ts:${line}:\\d+\\)`,
    );
    assert.match(out.stderr, at);
    const result = JSON.parse(out.stdout.trim().split("\n").at(-1)!) as {
      perSeed: { error?: string }[];
    };
    assert.match(result.perSeed[0]?.error ?? "", new RegExp(`plugin\\.ts:${line}:`));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("lockpick run refuses an unknown built-in and a bad track", async () => {
  const bad = await lockpick([
    "run",
    "builtin:nope",
    "--model",
    "/nonexistent",
    "--track",
    "x",
    "--budget",
    "1",
  ]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown track/);
});

test("lockpick run names the task with its config when the lock was built on a non-default one", async () => {
  const dir = await mkdtemp(join(tmpdir(), "lockpick-run-task-"));
  const withReport = async (task: string, taskConfig?: Record<string, unknown>) => {
    const report = { task, taskVersion: "1", validationProblems: 10, withPassword: 1 };
    await writeFile(
      join(dir, "lock-report.json"),
      JSON.stringify({ ...report, withoutPassword: 0.2, ...(taskConfig && { taskConfig }) }),
    );
    return lockedTask(dir);
  };
  try {
    const family = getTaskFamily("program-synthesis");
    const full = { ...(family.defaultConfig as object), lines: 1 };
    assert.equal(await withReport("program-synthesis", full), 'program-synthesis {"lines":1}');
    assert.equal(
      await withReport("program-synthesis", { lines: 1 }),
      'program-synthesis {"lines":1}',
    );
    const defaults = { ...(family.defaultConfig as Record<string, unknown>) };
    assert.equal(await withReport("program-synthesis", defaults), "program-synthesis");
    assert.equal(await withReport("program-synthesis"), "program-synthesis", "none recorded");
    assert.equal(await withReport("fake-reverse", { x: 1 }), "fake-reverse", "not a family");
    assert.equal(await lockedTask(join(dir, "missing")), null);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
