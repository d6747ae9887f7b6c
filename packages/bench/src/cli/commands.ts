// Sub-command registry: one line per command, each implemented in ./commands/<name>.ts.
import type { CommandEntry } from "./command";

export const commands: Record<string, CommandEntry> = {
  lock: {
    summary: "--task <id> [--recipe <name|file>] --out <dir>   build a password-locked model",
    load: async () => (await import("./commands/lock")).lockCommand,
  },
  models: {
    summary:
      "verify <dir> | verify --task <id> [--validation-problems N] [--screen-problems N]   re-evaluate a locked model, print its lock report",
    load: async () => (await import("./commands/models")).modelsCommand,
  },
  run: {
    summary: "<plugin.ts | builtin:<id>> --task <id> --track <t> --budget <n>   run a method",
    load: async () => (await import("./commands/run")).runCommand,
  },
};
