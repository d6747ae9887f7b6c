// `lockpick models verify <dir>` / `lockpick models verify --task <id>`: re-evaluates a locked
// model and prints its lock report as JSON on the last line of stdout; `--validation-problems` and
// `--screen-problems` run a larger audit than the build's (the report's recipe records the sizes).
// `lockpick models attach-weak <dir> --stages <stages-dir>`: ships π_weak (weak.kind "model")
// with a lock built before builds wrote it, from the build's `weak-<hash>` stage.
import { join } from "node:path";
import { parseArgs } from "node:util";
import { attachWeakFromStages } from "../../lock/build-lock";
import { referenceModelDir } from "../../lock/reference-models";
import { reportLine } from "../../lock/report";
import { verifyLock } from "../../lock/verify-lock";
import type { Command } from "../command";
import { createProgressBar } from "../progress";

export const modelsCommand: Command = {
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === "attach-weak") return attachWeak(rest);
    if (sub !== "verify") {
      console.error(
        "usage: lockpick models verify <dir> | lockpick models verify --task <id> [--variant <name>]" +
          " [--validation-problems N] [--screen-problems N]" +
          " | lockpick models attach-weak <dir> --stages <stages-dir>",
      );
      return 2;
    }
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        task: { type: "string" },
        variant: { type: "string" },
        password: { type: "string" },
        workers: { type: "string" },
        "validation-problems": { type: "string" },
        "screen-problems": { type: "string" },
      },
    });
    const evaluation = {
      validationProblems: positiveCount(values["validation-problems"], "--validation-problems"),
      screenProblems: positiveCount(values["screen-problems"], "--screen-problems"),
    };
    const dir = values.task ? referenceModelDir(values.task, values.variant) : positionals[0];
    if (!dir) {
      console.error("lockpick models verify: give a checkpoint directory or --task <id>");
      return 2;
    }
    const report = await verifyLock(dir, {
      password: values.password?.split(/\s+/),
      onProgress: createProgressBar(),
      workers: values.workers ? Number(values.workers) : undefined,
      evaluation: Object.fromEntries(Object.entries(evaluation).filter(([, v]) => v !== undefined)),
    });
    console.log(reportLine(report));
    return 0;
  },
};

/** A flag's positive integer, or undefined when absent; anything else is a usage error. */
function positiveCount(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`${flag} must be a positive integer, got "${value}"`);
  return n;
}

/** Saves the build's finished `weak-<hash>` stage as `<dir>/weak` and records it in the manifest. */
async function attachWeak(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { stages: { type: "string" } },
  });
  const dir = positionals[0];
  if (!dir || !values.stages) {
    console.error("usage: lockpick models attach-weak <dir> --stages <stages-dir>");
    return 2;
  }
  const stage = await attachWeakFromStages(dir, values.stages);
  console.log(`attached ${stage} as ${join(dir, "weak")}`);
  return 0;
}
