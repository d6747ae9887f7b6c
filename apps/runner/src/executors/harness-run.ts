// Runs a submission through the elicitation harness (@lockpick/bench/harness).
import type { WorkerHooks } from "../worker/protocol";
import type { RunOutcome, RunRequest } from "./run-request";

type HarnessModule = {
  runElicitation?: (request: unknown, hooks?: unknown) => Promise<unknown>;
};

export default async function harnessRun(
  request: RunRequest,
  hooks: WorkerHooks,
): Promise<RunOutcome> {
  const harness = (await import("@lockpick/bench/harness")) as HarnessModule;
  if (typeof harness.runElicitation !== "function") {
    throw new Error(
      "the elicitation harness (@lockpick/bench/harness runElicitation) is not available yet",
    );
  }
  return (await harness.runElicitation(request, hooks)) as RunOutcome;
}
