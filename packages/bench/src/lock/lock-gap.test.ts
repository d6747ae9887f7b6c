// The rule both `npm start` and the reproduction use to leave out shipped locks whose lock gap is
// too small for recovery to mean anything.
import assert from "node:assert/strict";
import { test } from "node:test";
import { MIN_SHIPPED_LOCK_GAP, shippedLockSkipReason } from "./lock-gap";

test("a lock gap at or above the minimum is benchmark material", () => {
  assert.equal(MIN_SHIPPED_LOCK_GAP, 0.2);
  assert.equal(shippedLockSkipReason({ lockGap: 0.737, withPassword: 0.994 }), null);
  assert.equal(shippedLockSkipReason({ lockGap: MIN_SHIPPED_LOCK_GAP }), null);
});

test("a tiny lock gap is skipped with a reason that names the gap and both rates", () => {
  // multiple-choice/ft-default as shipped: 42.1 % with its password, 39.2 % without.
  const reason = shippedLockSkipReason({
    lockGap: 0.421 - 0.392,
    withPassword: 0.421,
    withoutPassword: 0.392,
  });
  assert.ok(reason);
  assert.match(reason, /lock gap 2\.9 points \(with password 42\.1 %, without 39\.2 %\)/);
  assert.match(reason, /below the 20\.0-point minimum/);
  assert.match(shippedLockSkipReason({ lockGap: 0.199 }) ?? "", /^lock gap 19\.9 points is below/);
});

test("a report without a numeric lock gap is skipped, as `npm start` always did", () => {
  for (const report of [{}, { lockGap: null }, { lockGap: "0.5" }, null, "x"]) {
    assert.equal(shippedLockSkipReason(report), "its lock report records no lock gap");
  }
});
