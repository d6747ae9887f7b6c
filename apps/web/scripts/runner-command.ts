// How to start one runner process for the e2e suite and `npm run start -w @lockpick/web`'s
// standalone mode: the runner workspace's `start` script, when it has one.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const runnerDir = new URL("../../runner", import.meta.url).pathname;

export function runnerCommand(): { command: string; args: string[]; cwd: string } | null {
  const pkgPath = join(runnerDir, "package.json");
  if (!existsSync(pkgPath)) return null;
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as { scripts?: Record<string, string> };
  if (!pkg.scripts?.start) return null;
  return { command: "npm", args: ["run", "start", "--silent"], cwd: runnerDir };
}
