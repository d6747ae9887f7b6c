// Every built-in method type-checks as a plugin and bundles through the harness (imports only
// @lockpick/sdk). That each one runs end to end, in the sandbox over the real engine and within
// its budget, is builtin-engine.test.ts.
import assert from "node:assert/strict";
import { test } from "node:test";
import { bundlePlugin, typecheckPlugin } from "../harness";
import { BUILTIN_METHODS, builtinSource, isBuiltinMethod } from "../methods";

for (const id of BUILTIN_METHODS) {
  test(`builtin:${id} type-checks and bundles as a plugin`, async () => {
    const source = await builtinSource(id);
    assert.deepEqual(typecheckPlugin(source), [], `${id} type-checks as a plugin`);
    const bundle = await bundlePlugin(source);
    assert.match(bundle.sha256, /^[0-9a-f]{64}$/);
    assert.match(source, new RegExp(`name: "${id}"`), "the plugin's name is its id");
  });
}

test("the index knows every built-in by id and nothing else", () => {
  assert.equal(new Set(BUILTIN_METHODS).size, BUILTIN_METHODS.length);
  assert.ok(isBuiltinMethod("sft"));
  assert.ok(!isBuiltinMethod("../harness/host-api"));
});
