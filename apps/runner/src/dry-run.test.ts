// The dry run end to end: a real runner process, the real sandbox and the shipped small model.
// A good plugin passes (with what ran: task, lock, correctness), and so does one spending until
// refused; a throwing one (reported at the line of its TypeScript source), a hostile one and one
// that never ends are refused with the reason; the client created the queue itself, before any
// runner started.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { bundlePlugin } from "@lockpick/bench/harness";
import { openFixture, spawnRunner, type Fixture, type RunnerProcess } from "./test/fixture";

const plugin = (body: string) => `import { defineMethod } from "@lockpick/sdk";
export default defineMethod({
  name: "dry-run-test",
  track: "demonstrations",
  async elicit(ctx) {
${body}
  },
});
`;

const GOOD = plugin(`    const demos = await ctx.demonstrations(1, { source: "strong" });
    await ctx.model.sft(demos.map((d) => ({ prompt: d.prompt, completion: d.completion })), { steps: 1, batchSize: 1 });`);
const THROWS = plugin(`    throw new Error("boom at elicit");`);
const HOSTILE =
  plugin(`    const g = globalThis as unknown as { process: { env: Record<string, string> } };
    ctx.log({ secret: g.process.env.PATH ?? "" });`);
// Asks for more demonstrations than the budget holds: the host refuses and the refusal escapes.
const OVERSPENDS = plugin(`    await ctx.demonstrations(5, { source: "strong" });`);
const SPINS = plugin(`    await ctx.demonstrations(1, { source: "strong" });
    for (;;) Math.sqrt(Math.random());`);

async function dryRun(f: Fixture, source: string) {
  const bundle = await bundlePlugin(source);
  return f.jobs.dryRun(
    {
      track: "demonstrations",
      bundle: bundle.code,
      bundleSha256: bundle.sha256,
      sourceMap: bundle.sourceMap,
      params: {},
    },
    { timeoutMs: 120_000 },
  );
}

/** 1-based line of the first line of `source` containing `needle`. */
const lineOf = (source: string, needle: string) =>
  source.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("dry run", () => {
  let f: Fixture;
  let runner: RunnerProcess | undefined;
  before(async () => {
    f = await openFixture();
  });
  after(async () => {
    runner?.child.kill("SIGTERM");
    await runner?.exited;
    await f.close();
  });

  test("queued before any runner starts, it runs once one does", async () => {
    // A verdict nobody can give yet: the client's queue exists and the job waits in it.
    const early = dryRun(f, GOOD);
    await new Promise((r) => setTimeout(r, 500));
    runner = spawnRunner(f, { LOCKPICK_DRY_RUN_SECONDS: "4" });
    const verdict = await early;
    assert.equal(verdict.ok, true, JSON.stringify(verdict));
    if (!verdict.ok) return;
    assert.equal(verdict.budget, 1);
    const { taskConfig, ...model } = verdict.model ?? {};
    assert.deepEqual(model, { task: "function-composition", lock: "ft-default" });
    // The config its lock report records (the default one here; the page names only others).
    assert.equal(typeof taskConfig?.compositionLength, "number");
    assert.equal(verdict.problems, 16);
    assert.ok(verdict.correctness !== undefined && verdict.correctness !== null);
    assert.ok(verdict.correctness >= 0 && verdict.correctness <= 1);
  });

  test("a plugin that throws is refused with its error, at the line of its source", async () => {
    const verdict = await dryRun(f, THROWS);
    assert.equal(verdict.ok, false);
    if (!verdict.ok) {
      assert.equal(verdict.kind, "plugin");
      assert.match(verdict.reason, /boom at elicit/);
      const line = lineOf(THROWS, "boom at elicit");
      assert.match(verdict.reason, new RegExp(`at .*\\(plugin\\.ts:${line}:\\d+\\)`));
      assert.doesNotMatch(verdict.reason, /plugin\.js:/);
    }
  });

  test("a plugin reaching for the host is refused", async () => {
    const verdict = await dryRun(f, HOSTILE);
    assert.equal(verdict.ok, false);
    if (!verdict.ok) assert.equal(verdict.kind, "plugin", verdict.reason);
  });

  test("spending until refused is a method's expected end: it passes as budget-exhausted", async () => {
    const verdict = await dryRun(f, OVERSPENDS);
    assert.deepEqual(
      verdict.ok && { status: verdict.status, budget: verdict.budget },
      { status: "budget-exhausted", budget: 1 },
      JSON.stringify(verdict),
    );
    // The refusal that ended it (the host's message, no stack).
    assert.match((verdict.ok && verdict.stoppedBy) || "", /BudgetExceededError: .*requested 5/);
  });

  test("a plugin that outruns the dry run's clock is refused as a timeout", async () => {
    const verdict = await dryRun(f, SPINS);
    assert.equal(verdict.ok, false, JSON.stringify(verdict));
    if (!verdict.ok) {
      assert.equal(verdict.kind, "timeout", verdict.reason);
      assert.match(verdict.reason, /wall clock/);
    }
  });

  test("without a runner taking it, the wait ends as an infrastructure failure", async () => {
    runner!.child.kill("SIGTERM");
    await runner!.exited;
    runner = undefined;
    const bundle = await bundlePlugin(GOOD);
    const verdict = await f.jobs.dryRun(
      { track: "demonstrations", bundle: bundle.code, bundleSha256: bundle.sha256, params: {} },
      { timeoutMs: 1500 },
    );
    assert.deepEqual(verdict.ok, false);
    if (!verdict.ok) assert.equal(verdict.kind, "infra");
  });
});
