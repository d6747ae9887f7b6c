// `lockpick run <plugin.ts | builtin:<id>> --task <id> --track <t> --budget <n> [--seeds 3]
// [--model <dir>] [--curves]`: runs a method locally against a public locked model with the
// runner's sandbox and scoring. Progress goes to stderr; the last line of stdout is the result
// JSON, whose perSeed entries carry the scoring prompt and, with --curves, the learning curves.
import { parseArgs } from "node:util";
import type { ParamValue, TrackId } from "@lockpick/sdk";
import { BUDGET_KINDS, readLockBounds, TRACK_IDS, type BudgetLimits } from "../../harness";
import { referenceModelDir } from "../../lock/reference-models";
import { taskWithConfig } from "../../reproduce/lock-label";
import { runMethod } from "../../reproduce/run-method";
import type { Command } from "../command";

const USAGE =
  "usage: lockpick run <plugin.ts | builtin:<id>> --task <id> --track <track> --budget <n>\n" +
  "         [--seeds 3] [--seed-base 1] [--model <dir> | --variant <name>] [--parallel 2]\n" +
  "         [--param key=value]... [--limit kind=n]... [--curves]";

/**
 * A run's error on one line: its first line and where the plugin threw — the first stack frame
 * in its TypeScript source (the harness maps bundle frames to `plugin.ts:line:column`).
 */
export function errorLine(error: string): string {
  const [head, ...frames] = error.split("\n");
  const at = frames.find((f) => /^\s+at .*\.ts:\d+:\d+\)?$/.test(f));
  return at ? `${head} ${at.trim()}` : head!;
}

/** `key=value` with the value read as a number or boolean when it looks like one. */
function parseParam(text: string): [string, ParamValue] {
  const at = text.indexOf("=");
  if (at < 1) throw new Error(`--param expects key=value, got "${text}"`);
  const raw = text.slice(at + 1);
  const value: ParamValue =
    raw === "true"
      ? true
      : raw === "false"
        ? false
        : raw !== "" && Number.isFinite(Number(raw))
          ? Number(raw)
          : raw;
  return [text.slice(0, at), value];
}

function parseLimit(text: string): [keyof BudgetLimits, number] {
  const [kind, n] = text.split("=");
  if (!(BUDGET_KINDS as readonly string[]).includes(kind ?? "") || !Number.isInteger(Number(n))) {
    throw new Error(`--limit expects <${BUDGET_KINDS.join("|")}>=<integer>, got "${text}"`);
  }
  return [kind as keyof BudgetLimits, Number(n)];
}

const fmt = (x: number | null, digits = 3) => (x === null ? "–" : x.toFixed(digits));

/**
 * The task the model at `modelDir` was locked on, with its task config when that is not the
 * family's default (`program-synthesis {"lines":1}`); null when its lock report cannot be read
 * (the run itself then says why).
 */
export async function lockedTask(modelDir: string): Promise<string | null> {
  try {
    const bounds = await readLockBounds(modelDir);
    return taskWithConfig(bounds.task, bounds.taskConfig);
  } catch {
    return null;
  }
}

export const runCommand: Command = {
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        task: { type: "string" },
        track: { type: "string" },
        budget: { type: "string" },
        seeds: { type: "string", default: "3" },
        "seed-base": { type: "string", default: "1" },
        model: { type: "string" },
        variant: { type: "string" },
        parallel: { type: "string", default: "2" },
        param: { type: "string", multiple: true, default: [] },
        limit: { type: "string", multiple: true, default: [] },
        // Learning curves per seed in the result JSON: [x, y] pairs, up to 2,000 per series.
        curves: { type: "boolean", default: false },
        // Tests only: a module exporting `createHost` instead of the engine-backed host.
        "host-module": { type: "string" },
      },
    });
    const method = positionals[0];
    const track = values.track as TrackId | undefined;
    const budget = Number(values.budget);
    if (!method || !track || !values.budget || (!values.task && !values.model)) {
      console.error(USAGE);
      return 2;
    }
    if (!(TRACK_IDS as readonly string[]).includes(track)) {
      console.error(`lockpick run: unknown track "${track}" (${TRACK_IDS.join(", ")})`);
      return 2;
    }
    const seedCount = Number(values.seeds);
    const base = Number(values["seed-base"]);
    const seeds = Array.from({ length: seedCount }, (_, i) => base + i);
    const modelDir = values.model ?? referenceModelDir(values.task!, values.variant);
    const started = Date.now();
    const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
    const task = await lockedTask(modelDir);
    console.error(
      `lockpick run ${method} on ${modelDir}${task ? ` (${task})` : ""}: ` +
        `track ${track}, budget ${budget}, seeds ${seeds.join(",")}`,
    );
    const summary = await runMethod({
      method,
      track,
      budget,
      seeds,
      modelDir,
      params: Object.fromEntries(values.param.map(parseParam)),
      limits: Object.fromEntries(values.limit.map(parseLimit)),
      parallel: Math.max(1, Number(values.parallel)),
      curves: values.curves,
      ...(values["host-module"] ? { hostModule: values["host-module"] } : {}),
      onPhase: (seed, phase) => console.error(`[${elapsed()}] seed ${seed}: ${phase}`),
    });
    for (const o of summary.perSeed) {
      console.error(
        `seed ${o.seed}: ${o.status}${o.error ? ` (${errorLine(o.error)})` : ""}` +
          ` correctness ${fmt(o.correctness)} recovery ${fmt(o.recovery)}` +
          ` in ${(o.durations.totalMs / 1000).toFixed(0)}s`,
      );
    }
    if (values.task && summary.task !== values.task) {
      console.error(`lockpick run: the model at ${modelDir} is locked on ${task ?? summary.task}`);
    }
    console.error(
      `[${elapsed()}] ${task ?? summary.task}: recovery ${fmt(summary.recovery)} ± ${fmt(summary.stderr)} ` +
        `(correctness ${fmt(summary.correctness)}; floor ${fmt(summary.floor)}, ceiling ${fmt(summary.ceiling)})`,
    );
    console.log(JSON.stringify(summary));
    return summary.failed === seeds.length ? 1 : 0;
  },
};
