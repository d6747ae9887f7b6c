import assert from "node:assert/strict";
import { test } from "node:test";
import { bundlePlugin, PluginBundleError } from "./bundle-plugin";
import { bundlePrelude } from "./bundle-prelude";

test("a plugin importing the SDK bundles, with a stable SHA-256", async () => {
  const source = `import { defineMethod, type ElicitContext } from "@lockpick/sdk";
export default defineMethod({ name: "x", track: "rewards", async elicit(_ctx: ElicitContext) {} });`;
  const a = await bundlePlugin(source);
  const b = await bundlePlugin(source);
  assert.match(a.code, /__lockpick_plugin/);
  assert.match(a.code, /__lockpick_sdk/);
  assert.equal(a.sha256, b.sha256);
  assert.match(a.sha256, /^[0-9a-f]{64}$/);
});

test("the SDK helpers are inlined into the bundle (pure code, no host access)", async () => {
  const source = `import { defineMethod } from "@lockpick/sdk";
import { tokenAgreement } from "@lockpick/sdk/helpers";
export default defineMethod({ name: "x", track: "rewards", elicit(ctx) { ctx.log({ a: tokenAgreement("a b", "a c") }); } });`;
  const { code } = await bundlePlugin(source);
  assert.match(code, /function tokenAgreement/);
  assert.doesNotMatch(code, /\brequire\(|import\(/);
});

test("every other import is refused with its line and column", async () => {
  const source = `import { defineMethod } from "@lockpick/sdk";
import fs from "node:fs";
  import { x } from "./helper";
const cp = require("child_process");
export default defineMethod({ name: "x", track: "rewards", elicit() {} });`;
  await assert.rejects(bundlePlugin(source), (error: unknown) => {
    assert.ok(error instanceof PluginBundleError);
    const found = error.diagnostics.map((d) => [
      d.line,
      d.column,
      d.message.split(": a plugin")[0],
    ]);
    assert.deepEqual(found, [
      [2, 16, 'import "node:fs" is not allowed'],
      [3, 21, 'import "./helper" is not allowed'],
      [4, 20, 'import "child_process" is not allowed'],
    ]);
    assert.match(
      error.message,
      /plugin\.ts:2:16: import "node:fs" is not allowed: a plugin may import only @lockpick\/sdk and @lockpick\/sdk\/helpers/,
    );
    return true;
  });
});

test("syntax errors come back as diagnostics", async () => {
  await assert.rejects(bundlePlugin("export default {\n  elicit( {\n"), (error: unknown) => {
    assert.ok(error instanceof PluginBundleError);
    assert.ok(error.diagnostics[0]!.line >= 2);
    return true;
  });
});

test("the prelude bundles with the SDK runtime inside", async () => {
  const code = await bundlePrelude();
  assert.match(code, /BudgetExceededError/);
  assert.doesNotMatch(code, /\brequire\(/);
});
