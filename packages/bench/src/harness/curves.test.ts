import assert from "node:assert/strict";
import { test } from "node:test";
import { buildCurves, MAX_POINTS } from "./curves";
import { DEFAULT_PROBE } from "./host-api";
import type { LedgerEntry } from "./ledger";
import { plugin, runFake } from "./test/run-fake";

const entry = (atMs: number, durationMs: number, cost: LedgerEntry["cost"], outcome = "ok") =>
  ({ atMs, durationMs, cost, outcome, call: "x" }) as unknown as LedgerEntry;

test("curves: cumulative spend, logged numbers and probes, x in seconds from elicit", () => {
  const curves = buildCurves({
    elicitStartMs: 1000,
    ledger: [
      entry(1000, 500, { demonstrations: 4 }),
      entry(2000, 1000, { trainingTokens: 300, demonstrations: 0 }),
      entry(3000, 0, { trainingTokens: 50 }, "refused"),
      entry(4000, 1000, { trainingTokens: 200 }),
    ],
    logs: [
      { atMs: 3000, metrics: { loss: 2, note: "text", nan: Number.NaN } },
      { atMs: 5000, metrics: { loss: 1 } },
    ],
    probes: [
      { atMs: 900, after: "start", correctness: 0.25, score: 0.5, n: 128, ms: 300 },
      { atMs: 3000, after: "sft", correctness: 0.5, score: 0.7, n: 128, ms: 300 },
    ],
  });
  assert.deepEqual(curves, {
    "spent.demonstrations": [
      { x: 0, y: 0 },
      { x: 0.5, y: 4 },
    ],
    "spent.trainingTokens": [
      { x: 0, y: 0 },
      { x: 2, y: 300 },
      { x: 4, y: 500 },
    ],
    "log.loss": [
      { x: 2, y: 2 },
      { x: 4, y: 1 },
    ],
    "probe.correctness": [
      { x: 0, y: 0.25 },
      { x: 2, y: 0.5 },
    ],
    "probe.score": [
      { x: 0, y: 0.5 },
      { x: 2, y: 0.7 },
    ],
  });
});

test("curves are thinned to a bounded number of points, keeping the last", () => {
  const logs = Array.from({ length: 5000 }, (_, i) => ({ atMs: i, metrics: { i } }));
  const curves = buildCurves({ elicitStartMs: 0, ledger: [], logs, probes: [] });
  assert.equal(curves["log.i"]!.length, MAX_POINTS);
  assert.deepEqual(curves["log.i"]!.at(-1), { x: 4.999, y: 4999 });
});

// The probe is the host's: a plugin sees exactly the same run with or without it.
const observer = plugin(`
  const seen = [];
  const demos = await ctx.demonstrations(4);
  const snap = await ctx.model.snapshot();
  seen.push(await ctx.model.sft(demos, { steps: 5 }));
  seen.push(await ctx.model.generate(demos, { temperature: 1, n: 2 }));
  await ctx.model.perturb({ std: 0.01 });
  seen.push(await ctx.model.logprobs(demos));
  await ctx.model.restore(snap);
  seen.push(await ctx.model.generate(demos), ctx.random.next(), Math.random());
  seen.push(ctx.budget.spent().trainingTokens, ctx.budget.spent().generatedTokens);
  ctx.log({ seen: JSON.stringify(seen).slice(0, 250), step: 1 });
`);

test("the probe is invisible to the plugin and draws a validation curve", async () => {
  const probe = { ...DEFAULT_PROBE, problems: 16, maxShare: 1e9 }; // fake probes take ~0 ms
  const [plain, probed] = await Promise.all([
    runFake(observer, { evaluate: true }),
    runFake(observer, { evaluate: true, probe }),
  ]);
  assert.equal(probed.status, "completed", probed.error);
  assert.deepEqual(
    probed.logs.map((l) => l.metrics),
    plain.logs.map((l) => l.metrics),
  );
  const calls = (r: typeof plain) => r.ledger.entries.map((e) => [e.call, e.outcome, e.cost]);
  assert.deepEqual(calls(probed), calls(plain));
  assert.deepEqual(plain.probes, []);
  assert.deepEqual(
    probed.probes.map((p) => [p.after, p.n]),
    [
      ["start", 16],
      ["sft", 16],
      ["perturb", 16],
      ["restore", 16],
      ["end", 16],
    ],
  );
  const times = probed.probes.map((p) => p.atMs);
  assert.deepEqual(
    times,
    [...times].sort((a, b) => a - b),
  );
  assert.ok(probed.probes.at(-1)!.atMs >= probed.elicitStartMs);
  const curves = buildCurves({ ...probed, ledger: probed.ledger.entries });
  assert.equal(curves["probe.correctness"]?.length, 5);
  assert.deepEqual(Object.keys(curves).sort(), [
    "log.step",
    "probe.correctness",
    "probe.score",
    "spent.demonstrations",
    "spent.generatedTokens",
    "spent.perturbations",
    "spent.trainingTokens",
  ]);
});

test("probing stops at its cap", async () => {
  const result = await runFake(
    plugin(`
      const demos = await ctx.demonstrations(2);
      for (let i = 0; i < 6; i++) await ctx.model.sft(demos, { steps: 1 });
    `),
    { probe: { ...DEFAULT_PROBE, problems: 8, max: 3, maxShare: 1e9 } },
  );
  assert.equal(result.status, "completed", result.error);
  assert.deepEqual(
    result.probes.map((p) => p.after),
    ["start", "sft", "sft"],
  );
});
