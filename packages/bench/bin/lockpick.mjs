#!/usr/bin/env node
// Entry point of the `lockpick` CLI: runs src/cli/main.ts under tsx in a child Node process.
// The child gets `--import tsx` on its command line, so worker threads it starts (data-parallel
// training, the engine's WorkerPool) inherit the TypeScript loader too.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const main = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));
const tsx = import.meta.resolve("tsx");
const child = spawn(process.execPath, ["--import", tsx, main, ...process.argv.slice(2)], {
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
