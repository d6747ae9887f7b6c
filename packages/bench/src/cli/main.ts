// The `lockpick` command line. Sub-commands are added by the engine, locking and harness work.
const [command] = process.argv.slice(2);
console.error(`lockpick: command "${command ?? ""}" is not available yet`);
process.exitCode = 2;
