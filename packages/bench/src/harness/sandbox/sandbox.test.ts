import assert from "node:assert/strict";
import { test } from "node:test";
import { verifyLedger } from "../ledger";
import { plugin, runFake } from "../test/run-fake";

test("an honest plugin runs, spends, logs, and is scored", async () => {
  const result = await runFake(
    plugin(`
      const demos = await ctx.demonstrations(ctx.budget.remaining("demonstrations"));
      const report = await ctx.model.sft(demos, { steps: 50, lr: ctx.params.lr });
      const outs = await ctx.model.generate(ctx.problems.sample(2), { n: 2 });
      ctx.log({ demos: demos.length, loss: report.finalLoss, first: outs[0][0], r: ctx.random.next() });
    `),
    { evaluate: true },
  );
  assert.equal(result.status, "completed", result.error);
  assert.equal(result.method?.name, "probe");
  assert.deepEqual(result.params, { lr: 0.001, tag: "x" });
  assert.equal(result.spent?.demonstrations, 16);
  assert.ok((result.spent?.trainingTokens ?? 0) > 0);
  assert.equal(result.logs[0]?.metrics.demos, 16);
  assert.deepEqual(
    result.ledger.entries.map((e) => e.call),
    ["demonstrations", "sft", "problems.sample", "generate", "log"],
  );
  assert.deepEqual(verifyLedger(result.ledger.entries, result.ledger.genesis), { ok: true });
  assert.ok(result.evaluation && result.evaluation.n === 200);
  assert.ok(result.evaluation.correctness > 0.5, "sft on strong demos raised the fake's skill");
  assert.deepEqual(result.sandbox.envNames, ["PATH"], "the child sees PATH only");
});

test("the parent's watchdog kills a child whose host hangs while loading", async () => {
  const result = await runFake(plugin(``), { host: { hang: "load" }, loadMs: 2000 });
  assert.equal(result.status, "failed");
  assert.equal(result.sandbox.killed, true);
  assert.match(result.error ?? "", /killed by the watchdog after 2000 ms of (loading|starting)/);
});

test("the parent's watchdog kills a child whose host blocks its thread mid-run", async () => {
  const result = await runFake(plugin(`await ctx.model.generate(["a b"]);`), {
    host: { hang: "generate" },
    limits: { wallClockMs: 500 },
    graceMs: 1000,
  });
  assert.equal(result.status, "failed");
  assert.equal(result.sandbox.killed, true);
  assert.match(result.error ?? "", /killed by the watchdog after 1500 ms of eliciting/);
});
