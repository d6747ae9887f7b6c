// `lockpick lock --task <id> [--recipe <name|file>] --out <dir>`: builds a locked model with a
// progress bar, resumable (re-run the same command after an interruption).
import { parseArgs } from "node:util";
import { buildLock } from "../../lock/build-lock";
import { loadRecipe } from "../../lock/recipes";
import type { Command } from "../command";
import { createProgressBar } from "../progress";

export const lockCommand: Command = {
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        task: { type: "string" },
        recipe: { type: "string" },
        out: { type: "string" },
        stages: { type: "string" },
        "strong-out": { type: "string" },
        "task-config": { type: "string" },
        workers: { type: "string" },
      },
    });
    if (!values.task || !values.out) {
      console.error(
        "usage: lockpick lock --task <id> [--recipe <name|file>] --out <dir> [--stages <dir>] [--strong-out <dir>] [--task-config <json>]",
      );
      return 2;
    }
    const recipe = await loadRecipe(values.recipe);
    const started = Date.now();
    const result = await buildLock(values.task, recipe, values.out, {
      stagesDir: values.stages,
      strongOut: values["strong-out"],
      taskConfig: values["task-config"]
        ? (JSON.parse(values["task-config"]) as unknown)
        : undefined,
      onProgress: createProgressBar(),
      workers: values.workers ? Number(values.workers) : undefined,
    });
    const { report } = result;
    console.error(
      `${result.accepted ? "accepted" : "REFUSED"}: with ${pct(report.withPassword)} / without ${pct(report.withoutPassword)} ` +
        `(π_strong ${pct(report.strong)}, π_weak ${pct(report.weak)}), brute force best ${pct(report.bruteForceBest)} ` +
        `over ${report.bruteForceTried} candidates; ${((Date.now() - started) / 60000).toFixed(1)} min`,
    );
    for (const reason of report.acceptance.reasons) console.error(`  - ${reason}`);
    console.log(
      JSON.stringify({
        out: result.outDir,
        accepted: result.accepted,
        reasons: report.acceptance.reasons,
      }),
    );
    return result.accepted ? 0 : 3;
  },
};

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
