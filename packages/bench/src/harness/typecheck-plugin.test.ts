import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { typecheckPlugin } from "./typecheck-plugin";

test("the SDK template type-checks cleanly", async () => {
  const template = await readFile(new URL("../../../sdk/src/template.ts", import.meta.url), "utf8");
  assert.deepEqual(typecheckPlugin(template), []);
});

test("type errors come back with line and column", () => {
  const source = `import { defineMethod } from "@lockpick/sdk";
export default defineMethod({
  name: "bad",
  track: "rewards",
  async elicit(ctx) {
    const n: string = ctx.budget.remaining("rewardQueries");
    await ctx.model.generate(["a"], { temprature: 1 });
    process.exit(1);
  },
});`;
  const found = typecheckPlugin(source).map((d) => [d.line, d.column, d.code]);
  assert.deepEqual(found, [
    [6, 11, 2322],
    [7, 39, 2561],
    [8, 5, 2591],
  ]);
});

test("unknown imports are diagnosed", () => {
  const d = typecheckPlugin(`import fs from "node:fs";\nexport default fs;`);
  assert.equal(d[0]?.line, 1);
  assert.match(d[0]!.message, /Cannot find module 'node:fs'/);
});

test("every built-in method (helpers included) type-checks cleanly", async () => {
  const { BUILTIN_METHODS, builtinSource } = await import("../methods");
  for (const id of BUILTIN_METHODS) {
    assert.deepEqual(typecheckPlugin(await builtinSource(id)), [], id);
  }
  const misuse = typecheckPlugin(`import { tokenAgreement } from "@lockpick/sdk/helpers";
export const x: string = tokenAgreement("a", "b");`);
  assert.deepEqual(
    misuse.map((d) => [d.line, d.code]),
    [[2, 2322]],
  );
});
