// Which module executes a worker task. Loaded inside the worker process only.
import type { WorkerHooks } from "./protocol";

type Execute = (input: never, hooks: WorkerHooks) => Promise<unknown>;

const executors: Record<string, () => Promise<{ default: Execute }>> = {
  "run:harness": () => import("../executors/harness-run"),
  "run:synthetic": () => import("../executors/synthetic-run"),
  "build-locks:harness": () => import("../executors/lock-build"),
  "dry-run:harness": () => import("../executors/dry-run"),
};

export async function loadExecutor(kind: string, executor: string) {
  const load = executors[`${kind}:${executor}`];
  if (!load) throw new Error(`no executor "${executor}" for ${kind}`);
  const { default: execute } = await load();
  return execute as (input: unknown, hooks: WorkerHooks) => Promise<unknown>;
}
