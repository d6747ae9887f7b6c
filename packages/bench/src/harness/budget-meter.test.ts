import assert from "node:assert/strict";
import { test } from "node:test";
import { BudgetMeter } from "./budget-meter";
import { resolveLimits, TRACKS } from "./tracks";

test("tryCharge charges all kinds of a cost or none", () => {
  const meter = new BudgetMeter(resolveLimits("rewards", 10, { generatedTokens: 100 }));
  meter.start();
  assert.deepEqual(meter.tryCharge({ rewardQueries: 8, generatedTokens: 50 }), { ok: true });
  assert.deepEqual(meter.tryCharge({ rewardQueries: 1, generatedTokens: 60 }), {
    ok: false,
    kind: "generatedTokens",
    requested: 60,
    remaining: 50,
  });
  assert.equal(meter.remaining("rewardQueries"), 2, "a refused call charges nothing");
  meter.refund({ generatedTokens: 20 });
  assert.equal(meter.spent().generatedTokens, 30);
  assert.throws(() => meter.tryCharge({ rewardQueries: -1 }), /invalid rewardQueries cost/);
  assert.throws(() => meter.tryCharge({ rewardQueries: 0.5 }), /invalid/);
});

test("the wall clock counts only while started and refuses every call once over", () => {
  let now = 1000;
  const meter = new BudgetMeter(resolveLimits("demonstrations", 4, { wallClockMs: 50 }), () => now);
  now = 5000;
  meter.start();
  now = 5030;
  assert.equal(meter.remaining("wallClockMs"), 20);
  assert.deepEqual(meter.tryCharge({ demonstrations: 1 }), { ok: true });
  now = 5050;
  assert.deepEqual(meter.tryCharge({}), {
    ok: false,
    kind: "wallClockMs",
    requested: 1,
    remaining: 0,
  });
  meter.stop();
  now = 9000;
  assert.equal(meter.spent().wallClockMs, 50);
});

test("tracks resolve their primary budget and caps", () => {
  assert.equal(resolveLimits("demonstrations", 64).demonstrations, 64);
  assert.equal(resolveLimits("rewards", 1024).rewardQueries, 1024);
  assert.equal(resolveLimits("rewards", 1024).demonstrations, 0);
  assert.equal(resolveLimits("prompting", 1000).trainingTokens, 0);
  assert.equal(TRACKS.prompting.weightUpdates, false);
  assert.throws(() => resolveLimits("rewards", -1));
  assert.throws(() => resolveLimits("rewards", 4, { bogus: 1 } as never));
});

test("a pause holds the wall clock and pushes the deadline back", () => {
  let now = 0;
  const meter = new BudgetMeter(
    resolveLimits("demonstrations", 4, { wallClockMs: 100 }),
    () => now,
  );
  meter.start();
  now = 40;
  meter.pause();
  now = 1040;
  assert.equal(meter.spent().wallClockMs, 40, "paused time is not the plugin's");
  assert.equal(meter.deadline(), 1100);
  meter.resume();
  now = 1090;
  assert.equal(meter.remaining("wallClockMs"), 10);
  meter.pause();
  now = 2000;
  meter.stop();
  assert.equal(meter.spent().wallClockMs, 90, "stop ends a pause");
});
