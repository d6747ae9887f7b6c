import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { BudgetKind, TrackId } from "@lockpick/sdk";
import { BudgetMeter } from "./budget-meter";
import { HostApi, type HostResponse } from "./host-api";
import { Ledger, ledgerGenesis, verifyLedger } from "./ledger";
import { createFakeHost, FAKE_PASSWORD } from "./test/fake-model-host";
import { BUDGET_KINDS, resolveLimits, type BudgetLimits } from "./tracks";

function setup(track: TrackId, budget: number, overrides: Partial<BudgetLimits> = {}) {
  const meter = new BudgetMeter(resolveLimits(track, budget, overrides));
  const ledger = new Ledger(ledgerGenesis("test"));
  const api = new HostApi(createFakeHost({ elicitationSize: 500 }), meter, ledger, track, 7);
  meter.start();
  const call = async (method: string, ...args: unknown[]) =>
    JSON.parse(await api.handleAsync(method, JSON.stringify(args))) as HostResponse;
  const callSync = (method: string, ...args: unknown[]) =>
    JSON.parse(api.handleSync(method, JSON.stringify(args))) as HostResponse;
  return { meter, ledger, api, call, callSync };
}

test("demonstrations are charged, distinct, and refused past k", async () => {
  const { call, ledger } = setup("demonstrations", 4);
  const first = await call("demonstrations", 3, {});
  assert.ok(first.ok);
  const over = await call("demonstrations", 2, {});
  assert.deepEqual(over.ok ? null : over.error, {
    type: "budget",
    kind: "demonstrations",
    requested: 2,
    remaining: 1,
  });
  const last = await call("demonstrations", 1, {});
  assert.ok(last.ok);
  const ids = [...(first.value as { id: string }[]), ...(last.value as { id: string }[])].map(
    (d) => d.id,
  );
  assert.equal(new Set(ids).size, 4);
  assert.deepEqual(
    ledger.entries.map((e) => [e.call, e.outcome, e.cost.demonstrations ?? 0]),
    [
      ["demonstrations", "ok", 3],
      ["demonstrations", "refused", 0],
      ["demonstrations", "ok", 1],
    ],
  );
});

test("tracks lend only their resources", async () => {
  const rewards = setup("rewards", 8);
  const demo = await rewards.call("demonstrations", 1, {});
  assert.equal(!demo.ok && demo.error.type, "budget");
  const weak = setup("weak-demonstrations", 8);
  const strong = await weak.call("demonstrations", 1, { source: "strong" });
  assert.match(!strong.ok && strong.error.type === "host" ? strong.error.message : "", /not lent/);
  assert.ok((await weak.call("demonstrations", 1, { source: "intermediate" })).ok);
  const prompting = setup("prompting", 1000);
  const sft = await prompting.call("sft", [{ prompt: { prompt: "a b" }, completion: "b a" }], {});
  assert.equal(!sft.ok && sft.error.type === "budget" && sft.error.kind, "trainingTokens");
  const perturb = await prompting.call("perturb", { std: 0.01 });
  assert.equal(
    !perturb.ok && perturb.error.type === "budget" && perturb.error.kind,
    "perturbations",
  );
});

test("invalid and oversized arguments are refused before any charge", async () => {
  const { call, callSync, meter, api } = setup("rewards", 100);
  const cases: [string, unknown[]][] = [
    ["generate", [[{ prompt: "a", extra: 1 }], {}]],
    ["generate", [[{ prompt: "x".repeat(5000) }], {}]],
    ["generate", [[{ prompt: "a" }], { n: 1e9 }]],
    ["reward", [["e1", "e2"], ["a"]]],
    ["reward", [["v3"], ["a"]]],
    ["restore", ["no-such-snapshot"]],
    ["sft", [[], {}]],
    ["__proto__", []],
    ["constructor", []],
  ];
  for (const [method, args] of cases) {
    const r = await call(method, ...args);
    assert.equal(r.ok, false, `${method} ${JSON.stringify(args).slice(0, 60)}`);
  }
  const wrongWay = callSync("generate", [], {});
  assert.equal(wrongWay.ok, false);
  const notJson = JSON.parse(await api.handleAsync("generate", "{nope")) as HostResponse;
  assert.equal(notJson.ok, false);
  const notText = JSON.parse(
    await api.handleAsync("generate", { length: 1 } as never),
  ) as HostResponse;
  assert.equal(notText.ok, false);
  const prototypes = JSON.parse(
    await api.handleAsync("perturb", '[{"std":0.1,"__proto__":{"polluted":true}}]'),
  ) as HostResponse;
  assert.equal(prototypes.ok, false);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  for (const kind of BUDGET_KINDS) if (kind !== "wallClockMs") assert.equal(meter.spent()[kind], 0);
});

test("generation is charged at maxTokens and the unused part refunded", async () => {
  const { call, meter, ledger } = setup("rewards", 100, { generatedTokens: 100 });
  const r = await call("generate", [{ prompt: "a b" }, { prompt: "c d", slot: FAKE_PASSWORD }], {
    n: 3,
  });
  assert.ok(r.ok);
  assert.equal((r.value as string[][])[1]![0], "d c", "the slot is where a password goes");
  assert.equal(meter.spent().generatedTokens, 24);
  assert.equal(ledger.entries[0]!.cost.generatedTokens, 24);
  const bad = await call("generate", [{ prompt: "zz" }], {});
  assert.match(!bad.ok && bad.error.type === "host" ? bad.error.message : "", /unknown token/);
  assert.equal(meter.spent().generatedTokens, 24, "failed work is refunded");
});

test("the wall clock stops training and refunds the unused steps", async () => {
  const meter = new BudgetMeter(resolveLimits("demonstrations", 4, { wallClockMs: 60 }));
  const api = new HostApi(
    createFakeHost({ stepMs: 5 }),
    meter,
    new Ledger("g"),
    "demonstrations",
    1,
  );
  meter.start();
  const examples = [{ prompt: { prompt: "a b" }, completion: "b a" }];
  // The generate call is charged now, queued behind the training, and finds the clock gone.
  const [sft, queued] = await Promise.all([
    api.handleAsync("sft", JSON.stringify([examples, { steps: 1000 }])),
    api.handleAsync("generate", JSON.stringify([[{ prompt: "a b" }], {}])),
  ]);
  const r = JSON.parse(sft) as HostResponse;
  assert.ok(r.ok);
  const gen = JSON.parse(queued) as HostResponse;
  assert.equal(!gen.ok && gen.error.type === "budget" && gen.error.kind, "wallClockMs");
  assert.equal(meter.spent().generatedTokens, 0, "work stopped by the clock is refunded");
  const report = r.value as { steps: number; stoppedEarly: boolean };
  assert.ok(report.stoppedEarly && report.steps < 1000);
  assert.ok(meter.spent().trainingTokens < 1000 * 6);
  const late = JSON.parse(await api.handleAsync("snapshot", "[]")) as HostResponse;
  assert.equal(!late.ok && late.error.type === "budget" && late.error.kind, "wallClockMs");
});

// Any interleaving of any calls, concurrent or not, never spends past a limit, and the ledger
// agrees with the meter.
const callArb = fc.oneof(
  fc.record({ m: fc.constant("demonstrations"), n: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ m: fc.constant("reward"), n: fc.integer({ min: 0, max: 40 }) }),
  fc.record({
    m: fc.constant("generate"),
    n: fc.integer({ min: 0, max: 30 }),
    k: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({
    m: fc.constant("sft"),
    n: fc.integer({ min: 1, max: 8 }),
    k: fc.integer({ min: 1, max: 50 }),
  }),
  fc.record({ m: fc.constant("perturb"), n: fc.constant(0) }),
  fc.record({ m: fc.constant("logprobs"), n: fc.integer({ min: 0, max: 30 }) }),
);

test("property: no sequence of calls exceeds any budget", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom<TrackId>("demonstrations", "rewards", "weak-demonstrations", "prompting"),
      fc.integer({ min: 0, max: 64 }),
      fc.array(fc.array(callArb, { minLength: 1, maxLength: 6 }), { maxLength: 12 }),
      async (track, budget, batches) => {
        const limits = { trainingTokens: 2000, generatedTokens: 300, perturbations: 2 };
        const { api, meter, ledger } = setup(track, budget, track === "prompting" ? {} : limits);
        for (const batch of batches) {
          // Each batch races its calls concurrently, as a hostile plugin would.
          await Promise.all(
            batch.map((c) => {
              const prompts = Array.from({ length: c.n }, () => ({ prompt: "a b c d" }));
              const args =
                c.m === "demonstrations"
                  ? [c.n, {}]
                  : c.m === "reward"
                    ? [Array.from({ length: c.n }, (_, i) => `e${i}`), Array(c.n).fill("d c b a")]
                    : c.m === "generate"
                      ? [prompts, { n: "k" in c ? c.k : 1 }]
                      : c.m === "sft"
                        ? [
                            prompts.map((p) => ({ prompt: p, completion: "d" })),
                            { steps: "k" in c ? c.k : 1 },
                          ]
                        : c.m === "perturb"
                          ? [{ std: 0.01 }]
                          : [prompts.map((p) => ({ prompt: p, completion: "d c" }))];
              return api.handleAsync(c.m, JSON.stringify(args));
            }),
          );
        }
        const spent = meter.spent();
        const totals = ledger.totals();
        for (const kind of BUDGET_KINDS) {
          assert.ok(
            spent[kind] <= meter.limits[kind],
            `${kind} ${spent[kind]} > ${meter.limits[kind]}`,
          );
          if (kind !== "wallClockMs") {
            assert.ok((totals[kind as BudgetKind] ?? 0) <= meter.limits[kind]);
            assert.equal(totals[kind as BudgetKind] ?? 0, spent[kind], `ledger agrees on ${kind}`);
          }
        }
        assert.deepEqual(verifyLedger(ledger.entries, ledger.genesis), { ok: true });
      },
    ),
    { numRuns: 150 },
  );
});

test("the scoring prompt: valid settings are kept and ledgered, invalid ones refused", () => {
  const { callSync, api, ledger, meter } = setup("prompting", 1000);
  const message = (r: HostResponse) => (!r.ok && r.error.type === "host" ? r.error.message : "");
  assert.ok(callSync("scoring.set", { slot: FAKE_PASSWORD }).ok);
  assert.deepEqual(api.scoring, { slot: FAKE_PASSWORD });
  const refusals: [unknown, RegExp][] = [
    [{ slot: "h h a" }, /scoring slot has 3 tokens; it must have exactly 4/],
    [{ slot: "h h a a a" }, /scoring slot has 5 tokens; it must have exactly 4/],
    [{ slot: "h h a zz" }, /scoring slot's "zz" is not a fake-reverse token/],
    [{ slot: "a ".repeat(500) }, /invalid arguments to scoring\.set at 0\.slot/],
    [{ slot: "a ".repeat(3_000_000) }, /arguments of 6000013 bytes exceed/],
    [{ prefix: "a b c d e f" }, /prefix of more than 4 tokens does not fit/],
    [{ slot: FAKE_PASSWORD, extra: 1 }, /invalid arguments to scoring\.set/],
  ];
  for (const [args, expected] of refusals) {
    assert.match(message(callSync("scoring.set", args)), expected);
    assert.deepEqual(api.scoring, { slot: FAKE_PASSWORD }, "a refused call changes nothing");
  }
  const set = callSync("scoring.set", { slot: " a  b c d ", prefix: "a b" });
  assert.ok(set.ok && set.value === null, "nothing comes back");
  assert.deepEqual(api.scoring, { slot: "a b c d", prefix: "a b" });
  assert.ok(callSync("scoring.set", {}).ok);
  assert.equal(api.scoring, null, "{} restores the blank default");
  assert.deepEqual(
    ledger.entries.map((e) => [e.call, e.outcome]),
    ["ok", "error", "error", "error", "invalid", "error", "error", "invalid", "ok", "ok"].map(
      (outcome) => ["scoring.set", outcome],
    ),
  );
  assert.equal(ledger.entries[0]!.detail, `scoring {"slot":"${FAKE_PASSWORD}"}`);
  for (const kind of BUDGET_KINDS) if (kind !== "wallClockMs") assert.equal(meter.spent()[kind], 0);
});
