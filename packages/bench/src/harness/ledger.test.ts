import assert from "node:assert/strict";
import { test } from "node:test";
import { canonicalJson } from "./canonical-json";
import { Ledger, ledgerGenesis, verifyLedger, type LedgerInput } from "./ledger";
import { resolveLimits } from "./tracks";

const entry = (call: string, cost: number): LedgerInput => ({
  call,
  args: { items: 1, bytes: 10 },
  cost: { demonstrations: cost },
  remaining: resolveLimits("demonstrations", 16),
  outcome: "ok",
  atMs: 0,
  durationMs: 1,
});

test("a ledger chains every entry to the previous one and verifies", () => {
  const genesis = ledgerGenesis("run-1");
  const ledger = new Ledger(genesis);
  ledger.append(entry("demonstrations", 4));
  ledger.append(entry("sft", 0));
  ledger.append(entry("demonstrations", 2));
  assert.equal(ledger.entries[1]!.prevHash, ledger.entries[0]!.hash);
  assert.deepEqual(ledger.totals(), { demonstrations: 6 });
  assert.deepEqual(verifyLedger(ledger.entries, genesis), { ok: true });
  // Storage that reorders keys (jsonb) does not break verification.
  const reordered = JSON.parse(
    JSON.stringify(ledger.entries.map((e) => JSON.parse(canonicalJson(e)))),
  );
  assert.deepEqual(verifyLedger(reordered, genesis), { ok: true });
});

test("verification catches edits, drops, reordering and a foreign genesis", () => {
  const genesis = ledgerGenesis("run-2");
  const ledger = new Ledger(genesis);
  for (let i = 0; i < 4; i++) ledger.append(entry("demonstrations", i));
  const copy = () => structuredClone(ledger.entries);

  const edited = copy();
  edited[2]!.cost = { demonstrations: 0 };
  assert.deepEqual(verifyLedger(edited, genesis), { ok: false, at: 2, reason: "entry altered" });

  const dropped = copy();
  dropped.splice(1, 1);
  assert.equal(verifyLedger(dropped, genesis).ok, false);

  const swapped = copy();
  [swapped[1], swapped[2]] = [swapped[2]!, swapped[1]!];
  assert.equal(verifyLedger(swapped, genesis).ok, false);

  assert.deepEqual(verifyLedger(copy(), ledgerGenesis("other-run")), {
    ok: false,
    at: 0,
    reason: "broken chain",
  });
});
