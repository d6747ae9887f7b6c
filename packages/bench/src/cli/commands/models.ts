// `lockpick models verify <dir>` / `lockpick models verify --task <id>`: re-evaluates a locked
// model and prints its lock report as JSON on the last line of stdout.
import { parseArgs } from "node:util";
import { referenceModelDir } from "../../lock/reference-models";
import { reportLine } from "../../lock/report";
import { verifyLock } from "../../lock/verify-lock";
import type { Command } from "../command";
import { createProgressBar } from "../progress";

export const modelsCommand: Command = {
  async run(args) {
    const [sub, ...rest] = args;
    if (sub !== "verify") {
      console.error(
        "usage: lockpick models verify <dir> | lockpick models verify --task <id> [--variant <name>]",
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
      },
    });
    const dir = values.task ? referenceModelDir(values.task, values.variant) : positionals[0];
    if (!dir) {
      console.error("lockpick models verify: give a checkpoint directory or --task <id>");
      return 2;
    }
    const report = await verifyLock(dir, {
      password: values.password?.split(/\s+/),
      onProgress: createProgressBar(),
      workers: values.workers ? Number(values.workers) : undefined,
    });
    console.log(reportLine(report));
    return 0;
  },
};
