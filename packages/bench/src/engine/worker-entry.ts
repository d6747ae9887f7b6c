// Runs inside a WorkerPool thread: initialises the backend once, then runs one job per message.
import { parentPort, workerData } from "node:worker_threads";
import { initBackend, type BackendName } from "./backend";
import type { JobReply } from "./worker-pool";

const port = parentPort;
if (!port) throw new Error("worker-entry.ts must run in a worker thread");
const ready = initBackend((workerData as { backend?: BackendName }).backend);

port.on("message", async (msg: { module: string; export: string; args: unknown[] }) => {
  let reply: JobReply;
  try {
    await ready;
    const mod = (await import(msg.module)) as Record<string, unknown>;
    const fn = mod[msg.export];
    if (typeof fn !== "function")
      throw new Error(`${msg.module} has no exported function ${msg.export}`);
    reply = { ok: true, value: await (fn as (...a: unknown[]) => unknown)(...msg.args) };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    reply = { ok: false, message: e.message, stack: e.stack };
  }
  port.postMessage(reply);
});
