// `npm test`: lint, type-check, then every workspace's `test` script in order, echoing their
// output and printing one closing line with the totals. Exits non-zero if any step fails.
import { spawn } from "node:child_process";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;

function workspaces() {
  const dirs = [];
  for (const group of ["packages", "apps"]) {
    for (const name of readdirSync(join(root, group)).sort()) {
      const pkgPath = join(root, group, name, "package.json");
      if (!existsSync(pkgPath)) continue;
      const pkg = JSON.parse(readFileSync(pkgPath, "utf8"));
      dirs.push({ dir: join(group, name), pkg });
    }
  }
  return dirs;
}

/** Runs a command, streaming its output, and resolves with its exit code and captured text. */
function run(label, command, args, cwd = root) {
  console.log(`\n=== ${label} ===`);
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
      env: process.env,
    });
    let text = "";
    const tee = (stream, out) =>
      stream.on("data", (chunk) => {
        text += chunk;
        out.write(chunk);
      });
    tee(child.stdout, process.stdout);
    tee(child.stderr, process.stderr);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), text }));
  });
}

/** Counts from node's test runner ("ℹ pass 3") and Playwright ("3 passed"). */
function counts(text) {
  let passed = 0;
  let failed = 0;
  for (const m of text.matchAll(/^ℹ (pass|fail) (\d+)$/gm)) {
    if (m[1] === "pass") passed += Number(m[2]);
    else failed += Number(m[2]);
  }
  for (const m of text.matchAll(/^\s*(\d+) (passed|failed|flaky)\b/gm)) {
    if (m[2] === "passed") passed += Number(m[1]);
    else failed += Number(m[1]);
  }
  return { passed, failed };
}

const only = process.argv.slice(2);
const steps = [];
if (only.length === 0) {
  steps.push({ label: "lint", command: "npm", args: ["run", "lint"] });
  steps.push({ label: "typecheck", command: "npm", args: ["run", "typecheck"] });
}
for (const { dir, pkg } of workspaces()) {
  if (only.length > 0 && !only.some((o) => dir.endsWith(o))) continue;
  for (const script of ["test", "test:e2e"]) {
    if (pkg.scripts?.[script]) {
      steps.push({
        label: `${pkg.name} ${script}`,
        command: "npm",
        args: ["run", script],
        cwd: join(root, dir),
        counted: true,
      });
    }
  }
}

// The root's own scripts (`npm start`'s registration) have tests too, outside any workspace.
const rootPkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
if (rootPkg.scripts?.["test:scripts"] && (only.length === 0 || only.includes("scripts"))) {
  steps.push({
    label: "scripts test",
    command: "npm",
    args: ["run", "test:scripts"],
    counted: true,
  });
}

const started = Date.now();
let passed = 0;
let failed = 0;
const failures = [];
for (const step of steps) {
  const t0 = Date.now();
  const result = await run(step.label, step.command, step.args, step.cwd);
  const c = counts(result.text);
  passed += c.passed;
  failed += c.failed;
  console.log(
    `--- ${step.label}: exit ${result.code} in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  if (result.code !== 0) {
    failures.push(step.label);
    if (step.counted && c.failed === 0) failed += 1; // a crash before any test ran still fails
  }
}
console.log(
  `\nsteps failed: ${failures.length ? failures.join(", ") : "none"}; total ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exitCode = failures.length ? 1 : 0;
