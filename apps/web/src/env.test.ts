import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";

// env.ts validates at import, so each case loads it in a fresh process.
function load(env: Record<string, string>) {
  return spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "-e",
      "const m = await import('./src/env.ts'); console.log(JSON.stringify({ dev: m.devLoginEnabled }))",
    ],
    {
      cwd: new URL("..", import.meta.url).pathname,
      env: { PATH: process.env.PATH, ...env } as unknown as NodeJS.ProcessEnv,
      encoding: "utf8",
    },
  );
}

test("the development sign-in is refused when NODE_ENV=production", () => {
  const r = load({ NODE_ENV: "production", AUTH_DEV_LOGIN: "1", AUTH_SECRET: "x".repeat(32) });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /refused when NODE_ENV=production/);
});

test("the development sign-in is on only when asked for, outside production", () => {
  assert.match(load({ NODE_ENV: "development", AUTH_DEV_LOGIN: "1" }).stdout, /"dev":true/);
  assert.match(load({ NODE_ENV: "development" }).stdout, /"dev":false/);
});
