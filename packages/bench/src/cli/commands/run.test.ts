// `lockpick run` end to end through the real CLI entry, sandbox child and scoring; the model
// host is the harness's fast fake (the engine-backed run is in reproduce/builtin-smoke.test.ts).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

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

test("lockpick run prints progress on stderr and the result JSON on its last line", async () => {
  const dir = await mkdtemp(join(tmpdir(), "lockpick-run-"));
  try {
    // The fake host's lock: 20 % without its password, 100 % with it.
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
    const { code, stdout, stderr } = await lockpick([
      "run",
      "builtin:sft",
      "--model",
      dir,
      "--track",
      "demonstrations",
      "--budget",
      "16",
      "--seeds",
      "2",
      "--host-module",
      FAKE_HOST,
    ]);
    assert.equal(code, 0, stderr);
    assert.match(stderr, /seed 1: (loading|eliciting|evaluating)/);
    const last = stdout.trim().split("\n").at(-1)!;
    const result = JSON.parse(last) as Record<string, unknown>;
    for (const key of ["correctness", "recovery", "stderr", "spent"]) assert.ok(key in result, key);
    assert.equal((result.perSeed as unknown[]).length, 2);
    assert.equal((result.spent as Record<string, number>).demonstrations, 16);
    assert.ok((result.recovery as number) > 0.5, "SFT raised the fake model's skill");
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
