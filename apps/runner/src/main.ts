// `npm start -w @lockpick/runner`: one runner process with settings from the environment.
import { readRunnerEnv } from "./env";
import { startRunner } from "./runner";

const env = readRunnerEnv();
const runner = await startRunner(env);
console.log(
  `runner ${runner.id}: up to ${env.concurrency} runs at once (executor: ${env.LOCKPICK_RUN_EXECUTOR})`,
);

let signals = 0;
const stop = (signal: string) => {
  if (++signals > 1) process.exit(1); // a second Ctrl-C: leave now
  console.log(`runner ${runner.id}: ${signal}, finishing or releasing running jobs`);
  runner.stop().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
