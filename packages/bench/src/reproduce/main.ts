// `npm run reproduce`: runs the built-in methods over the budget grid on every shipped lock and
// writes docs/results.md with tables and SVG plots. Locks whose lock gap is too small for recovery
// to mean anything are skipped by the rule `npm start` registers shipped locks by (logged, and
// listed in the report). Long (hours on 2 cores): every seed-run is cached under
// docs/results/runs (small JSON files, committed, so the next session keeps them), so an
// interrupted reproduction resumes where it stopped and the report is rewritten after every
// finished run.
//   --only core,difficulty   run only these groups (core, difficulty, rewards, domains, weak, beyond)
//   --variants ft-default,arithmetic/scratch   run only on these shipped variants, of every task
//                            or task/variant (the report keeps all)
//   --jobs 2                 seed-runs in parallel (each is one sandbox child on one core)
//   --report-only            rewrite docs/results.md from the cache without running anything
//   --list                   print the plan and what is cached, run nothing
//   --models, --docs, --cache  other locations (defaults: packages/bench/models, docs, docs/results/runs)
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { getTaskFamily } from "@lockpick/tasks";
import { MODELS_ROOT } from "../lock/reference-models";
import { builtinSource } from "../methods";
import { readLockBounds } from "../harness";
import { buildPlan, GROUPS, selectShippedLocks, type Group, type RunSpec } from "./plan";
import { pool } from "./pool";
import { buildReport, type LockInfo } from "./results-report";
import type { Finished } from "./results-index";
import { RunCache, runKey, sha256 } from "./run-cache";
import { runMethod } from "./run-method";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: "string" },
      variants: { type: "string" },
      jobs: { type: "string", default: "2" },
      "report-only": { type: "boolean", default: false },
      list: { type: "boolean", default: false },
      cache: { type: "string", default: join(ROOT, "docs", "results", "runs") },
      models: { type: "string", default: MODELS_ROOT },
      docs: { type: "string", default: join(ROOT, "docs") },
    },
  });
  const groups = (values.only?.split(",") ?? [...GROUPS]) as Group[];
  for (const g of groups) if (!GROUPS.includes(g)) throw new Error(`unknown group "${g}"`);
  const cache = new RunCache(values.cache);
  const variants = values.variants?.split(",");
  // `ft-default` picks that variant of every task; `arithmetic/ft-default` just one lock.
  const wanted = (s: RunSpec) =>
    !variants || variants.includes(s.variant) || variants.includes(`${s.task}/${s.variant}`);

  const { locks: models, skipped } = selectShippedLocks(values.models);
  for (const s of skipped) console.error(`reproduce: skipping ${s.task}/${s.variant}: ${s.reason}`);
  const docs = values.docs;
  const locks: LockInfo[] = [];
  const modelSha: Record<string, string> = {};
  for (const m of models) {
    const reportText = await readFile(join(m.dir, "lock-report.json"), "utf8");
    const bounds = await readLockBounds(m.dir);
    const report = JSON.parse(reportText) as { bruteForceBest?: number };
    modelSha[`${m.task}/${m.variant}`] = sha256(reportText);
    locks.push({ ...m, ...bounds, bruteForceBest: report.bruteForceBest ?? null });
  }
  const domains = Object.fromEntries(
    [...new Set(models.map((m) => m.task))].map((t) => [t, getTaskFamily(t).domains]),
  );
  const fullPlan = buildPlan({ models, domains });

  const methodSha: Record<string, string> = {};
  const sources: Record<string, string> = {};
  for (const s of fullPlan) {
    if (sources[s.method]) continue;
    sources[s.method] = await builtinSource(s.method);
    methodSha[s.method] = sha256(sources[s.method]!);
  }
  const keyOf = (s: RunSpec) =>
    runKey(s, methodSha[s.method]!, modelSha[`${s.task}/${s.variant}`]!);

  const finished: Finished[] = [];
  const todo: RunSpec[] = [];
  const seen = new Set<string>();
  for (const s of fullPlan) {
    const { key } = keyOf(s);
    if (seen.has(key)) continue;
    seen.add(key);
    const hit = await cache.get(key);
    if (hit) finished.push({ spec: s, outcome: hit.outcome });
    else if (groups.includes(s.group) && wanted(s)) todo.push(s);
  }
  const writeReport = async () => {
    const { markdown, plots } = buildReport({
      locks,
      skipped,
      plan: fullPlan,
      runs: finished,
      domains,
      generatedAt: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
    });
    await mkdir(join(docs, "results"), { recursive: true });
    for (const [name, svg] of Object.entries(plots))
      await writeFile(join(docs, "results", name), svg);
    await writeFile(join(docs, "results.md"), markdown);
  };

  console.error(
    `reproduce: ${models.length} shipped locks; plan ${fullPlan.length} seed-runs, ` +
      `${finished.length} cached, ${todo.length} to run in groups ${groups.join(",")}`,
  );
  if (values.list) {
    for (const s of todo)
      console.log(
        `${s.group}\t${s.task}/${s.variant}\t${s.method}\t${s.track}\t${s.budget}\t${s.seed}`,
      );
    return 0;
  }
  if (values["report-only"] || todo.length === 0) {
    await writeReport();
    return 0;
  }

  const started = Date.now();
  let done = 0;
  await pool(todo, Math.max(1, Number(values.jobs)), async (s) => {
    const { key, spec } = keyOf(s);
    const dir = models.find((m) => m.task === s.task && m.variant === s.variant)!.dir;
    const summary = await runMethod({
      method: `builtin:${s.method}`,
      modelDir: dir,
      track: s.track,
      budget: s.budget,
      seeds: [s.seed],
      params: s.params ?? {},
      limits: s.limits ?? {},
    });
    const outcome = summary.perSeed[0]!;
    // Failed runs are reported but not cached, so a resumed reproduction retries them (a
    // failure is usually a host or machine problem, not the method's result).
    if (outcome.status !== "failed") {
      await cache.put({ key, spec, outcome, finishedAt: new Date().toISOString() });
    }
    finished.push({ spec: s, outcome });
    done++;
    const perRun = (Date.now() - started) / done;
    console.error(
      `[${done}/${todo.length}] ${s.group} ${s.variant} ${s.method}${s.params ? JSON.stringify(s.params) : ""} ` +
        `${s.track} ${s.budget} seed ${s.seed}: ${outcome.status} recovery ` +
        `${outcome.recovery === null ? "–" : outcome.recovery.toFixed(3)} ` +
        `(${(outcome.durations.totalMs / 1000).toFixed(0)} s; eta ${((perRun * (todo.length - done)) / 60000).toFixed(0)} min)` +
        (outcome.error ? ` ${outcome.error.split("\n")[0]}` : ""),
    );
    await writeReport();
  });
  await writeReport();
  return 0;
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(
    `reproduce: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  return 1;
});
