// Every built-in method type-checks and bundles through the harness, describes itself, and runs end to end in
// the real sandbox child on each of its tracks within its budget (over the harness's fast fake
// host; the engine-backed smoke test is in builtin-smoke.test.ts).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { TrackId } from "@lockpick/sdk";
import { bundlePlugin, typecheckPlugin } from "../harness";
import { runFake } from "../harness/test/run-fake";
import { BUILTIN_METHODS, builtinSource } from "../methods";

const BUDGET: Record<TrackId, number> = {
  demonstrations: 16,
  rewards: 256,
  "weak-demonstrations": 16,
  prompting: 10_000,
};

for (const id of BUILTIN_METHODS) {
  test(`builtin:${id} bundles and runs on each of its tracks within budget`, async () => {
    const source = await builtinSource(id);
    assert.deepEqual(typecheckPlugin(source), [], `${id} type-checks as a plugin`);
    const bundle = await bundlePlugin(source);
    assert.match(bundle.sha256, /^[0-9a-f]{64}$/);
    // The track list comes from the method itself (first run on the rewards track reports it).
    const probe = await runFake(source, { track: "rewards", budget: 0, evaluate: false });
    const tracks = probe.method?.tracks;
    assert.ok(tracks && tracks.length > 0, `no self-description: ${probe.error}`);
    assert.equal(probe.method?.name, id);
    for (const track of tracks) {
      const budget = BUDGET[track];
      const result = await runFake(source, { track, budget, evaluate: true, cpuMs: 5000 });
      assert.notEqual(result.status, "failed", `${id} on ${track}: ${result.error}`);
      assert.ok(result.evaluation, `${id} on ${track} was scored`);
      const calls = result.ledger.entries.filter((e) => e.outcome === "ok" && e.call !== "log");
      if (id !== "none") assert.ok(calls.length > 0, `${id} on ${track} did some work`);
      for (const [kind, limit] of Object.entries(result.limits)) {
        const spent = result.spent?.[kind as keyof typeof result.limits] ?? 0;
        assert.ok(spent <= limit, `${id} on ${track} spent ${spent} ${kind} of ${limit}`);
      }
    }
  });
}
