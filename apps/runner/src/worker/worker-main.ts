// Entry of a worker process: receives one task, runs it, reports progress, logs and the outcome.
import type { WorkerHooks, WorkerMessage, WorkerTask } from "./protocol";
import { loadExecutor } from "./executors";

const send = (message: WorkerMessage) =>
  new Promise<void>((resolve) => process.send!(message, () => resolve()));

// The runner died (or dropped us): nobody is waiting for the result.
process.on("disconnect", () => process.exit(1));

process.once("message", async (task: WorkerTask) => {
  const hooks: WorkerHooks = {
    progress: (progress) => void send({ type: "progress", progress }),
    log: (line, level = "info") => void send({ type: "log", level, line }),
  };
  try {
    const execute = await loadExecutor(task.kind, task.executor);
    const output = await execute(task.input, hooks);
    await send({ type: "done", output });
    process.exit(0);
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    await send({ type: "error", message: e.message, stack: e.stack });
    process.exit(0);
  }
});
