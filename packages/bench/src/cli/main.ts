// The `lockpick` command line: a tiny dispatcher. Each sub-command is one file in ./commands
// exporting a `Command`; add yours to `commands.ts`.
import { commands } from "./commands";

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const entry = name === undefined ? undefined : commands[name];
  if (!entry || name === "help" || name === "--help") {
    const lines = Object.entries(commands).map(
      ([n, c]) => `  lockpick ${n.padEnd(8)} ${c.summary}`,
    );
    console.error(`usage:\n${lines.join("\n")}`);
    return name === undefined || name === "help" || name === "--help" ? 0 : 2;
  }
  const command = await entry.load();
  return command.run(rest);
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`lockpick: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
});
