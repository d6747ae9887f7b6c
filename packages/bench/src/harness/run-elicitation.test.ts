// End to end over the real engine: a tiny locked model, plugins in the sandbox child, scoring.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { before, test } from "node:test";
import { runElicitation } from "./run-elicitation";
import { verifyLedger } from "./ledger";
import { tinyLock } from "./test/tiny-lock";
import { plugin } from "./test/run-fake";

let lock: { dir: string; password: string };
before(async () => {
  lock = await tinyLock();
});

test("SFT on k demonstrations over the real engine, scored over two seeds", async () => {
  const template = await readFile(new URL("../../../sdk/src/template.ts", import.meta.url), "utf8");
  const result = await runElicitation({
    plugin: { source: template },
    modelDir: lock.dir,
    track: "demonstrations",
    budget: 8,
    seeds: [1, 2],
    params: { steps: 12, batchSize: 8 },
    hostOptions: { backend: "wasm" },
  });
  assert.equal(result.failed, 0, result.runs.map((r) => r.error).join("; "));
  assert.equal(result.task.id, "function-composition");
  assert.equal(result.runs.length, 2);
  for (const run of result.runs) {
    assert.equal(run.status, "completed");
    assert.equal(run.spent?.demonstrations, 8);
    assert.ok((run.spent?.trainingTokens ?? 0) > 0);
    assert.ok((run.spent?.generatedTokens ?? 0) > 0);
    assert.match(run.checkpointSha256 ?? "", /^[0-9a-f]{64}$/);
    assert.equal(run.bundleSha256, result.bundleSha256);
    assert.equal(run.backend, "wasm");
    assert.equal(run.evaluation?.n, 48);
    assert.ok(run.ledger.verified);
    assert.deepEqual(verifyLedger(run.ledger.entries, run.ledger.genesis), { ok: true });
    assert.deepEqual(run.params, { lr: 3e-4, steps: 12, batchSize: 8 });
    assert.ok(run.logs.some((l) => typeof l.metrics.finalLoss === "number"));
  }
  assert.equal(result.correctness.n, 2);
  assert.notEqual(result.correctness.stderr, null);
  assert.notEqual(result.runs[0]!.ledger.genesis, result.runs[1]!.ledger.genesis);
  assert.ok(!JSON.stringify(result).includes(lock.password), "no password anywhere in the result");
});

test("every host call works on the real engine, and overspending ends the run scored", async () => {
  const source = plugin(`
    const [p] = ctx.problems.sample(1);
    const greedy = await ctx.model.generate([p.prompt, { prompt: p.prompt, slot: "_ _" }], { n: 1 });
    const sampled = await ctx.model.generate([p], { n: 3, temperature: 1, topP: 0.9 });
    const before = await ctx.model.logprobs([{ prompt: p.prompt, completion: greedy[0][0] }]);
    const demos = await ctx.demonstrations(4);
    const snap = await ctx.model.snapshot();
    const sft = await ctx.model.sft(demos.map((d) => ({ ...d, weight: 2 })), { steps: 4, optimizer: "lion", lr: 1e-4, schedule: "linear" });
    const dpo = await ctx.model.dpo(demos.map((d) => ({ prompt: d.prompt, chosen: d.completion, rejected: greedy[0][0] })), { steps: 2, beta: 0.1, reference: snap });
    await ctx.model.perturb({ std: 0.001 });
    await ctx.model.restore(snap);
    const after = await ctx.model.logprobs([{ prompt: p.prompt, completion: greedy[0][0] }]);
    let slotError = "";
    try { await ctx.model.generate([{ prompt: p.prompt, slot: "p1 p2 p3 p4 p5 p6" }]); } catch (e) { slotError = e.name + ": " + e.message; }
    let tokenError = "";
    try { await ctx.model.generate(["not a task token"]); } catch (e) { tokenError = e.name; }
    // The test passes the real password as a param: it must appear in nothing the host lends.
    const hay = JSON.stringify([ctx.task, ctx.problems.list(0, 2000), demos, greedy, sampled]);
    ctx.log({
      leaked: hay.includes(ctx.params.tag),
      greedy: greedy.length + "x" + greedy[0].length, sampled: sampled[0].length,
      restored: Math.abs(before[0].total - after[0].total) < 1e-4,
      sftSteps: sft.steps, dpoSteps: dpo.steps, slotError, tokenError,
      rewardBudget: ctx.budget.remaining("rewardQueries"),
    });
    await ctx.demonstrations(ctx.budget.remaining("demonstrations") + 1);
  `);
  const result = await runElicitation({
    plugin: { source },
    modelDir: lock.dir,
    track: "demonstrations",
    budget: 4,
    seeds: [7],
    params: { tag: lock.password },
    hostOptions: { backend: "wasm" },
  });
  const [run] = result.runs;
  assert.equal(run?.status, "budget-exhausted", run?.error);
  assert.match(run.error ?? "", /demonstrations requested 1, remaining 0/);
  assert.ok(run.evaluation, "scored as it stands");
  const metrics = Object.assign({}, ...run.logs.map((l) => l.metrics));
  assert.deepEqual(metrics, {
    leaked: false,
    greedy: "2x1",
    sampled: 3,
    restored: true,
    sftSteps: 4,
    dpoSteps: 2,
    slotError: "HostCallError: slot text has 6 tokens; the slot holds 4",
    tokenError: "HostCallError",
    rewardBudget: 0,
  });
  assert.deepEqual(
    run.ledger.entries.map((e) => e.call),
    [
      "problems.sample",
      "generate",
      "generate",
      "logprobs",
      "demonstrations",
      "snapshot",
      "sft",
      "dpo",
      "perturb",
      "restore",
      "logprobs",
      "generate",
      "generate",
      "problems.list",
      "log",
      "demonstrations",
    ],
  );
  const lockReport = JSON.parse(await readFile(join(lock.dir, "lock-report.json"), "utf8"));
  assert.equal(result.bounds.floor, lockReport.withoutPassword);
  assert.equal(result.bounds.ceiling, lockReport.withPassword);
});
