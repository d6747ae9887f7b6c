// `npm start -w @lockpick/runner`: one runner process with settings from the environment.
import { readRunnerEnv } from "./env";
import { startRunner, type Runner } from "./runner";

const env = readRunnerEnv();
const state: { runner?: Runner } = {};
let stopRequested = false;
let signals = 0;

function stop(signal: string) {
  if (++signals > 1) process.exit(1); // a second Ctrl-C: leave now
  stopRequested = true;
  const runner = state.runner;
  if (!runner) return; // still starting: stops as soon as it is up
  console.log(`runner ${runner.id}: ${signal}, finishing or releasing running jobs`);
  runner.stop().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));

const runner = await startRunner(env);
state.runner = runner;
console.log(
  `runner ${runner.id}: up to ${env.concurrency} runs at once (executor: ${env.LOCKPICK_RUN_EXECUTOR})`,
);
// Under `npm start`, the parent owns the embedded database: without it there is nothing to do.
if (env.LOCKPICK_PARENT_PID) {
  const parent = env.LOCKPICK_PARENT_PID;
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      stop("parent process gone");
    }
  }, 2000).unref();
}
if (stopRequested) {
  signals = 0;
  stop("stop requested during start-up");
}
