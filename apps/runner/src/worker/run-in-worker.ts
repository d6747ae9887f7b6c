// Runs one task in a fresh worker process and watches it: progress and logs are forwarded, a
// hard timeout or an abort kills it, and a worker that dies without an answer is a crash.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { WorkerMessage, WorkerProgress, WorkerTask } from "./protocol";

const entry = fileURLToPath(new URL("./worker-main.ts", import.meta.url));
const tsx = import.meta.resolve("tsx");

export type WorkerOutcome =
  | { status: "done"; output: unknown }
  | { status: "error"; message: string }
  | { status: "crash"; message: string }
  | { status: "timeout" }
  | { status: "aborted" };

export type RunInWorkerOptions = {
  timeoutMs: number;
  signal?: AbortSignal;
  onProgress?: (progress: WorkerProgress) => void;
  onLog?: (line: string, level: "info" | "warn" | "error") => void;
};

export function runInWorker(task: WorkerTask, options: RunInWorkerOptions): Promise<WorkerOutcome> {
  return new Promise((resolve) => {
    const child = fork(entry, [], {
      execArgv: ["--import", tsx],
      serialization: "advanced",
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    let outcome: WorkerOutcome | undefined;
    let stderr = "";
    const settle = (o: WorkerOutcome) => {
      outcome ??= o;
    };
    const kill = (o: WorkerOutcome) => {
      settle(o);
      child.kill("SIGKILL");
    };
    const timer = setTimeout(() => kill({ status: "timeout" }), options.timeoutMs);
    const onAbort = () => kill({ status: "aborted" });
    options.signal?.addEventListener("abort", onAbort, { once: true });
    if (options.signal?.aborted) onAbort();

    child.stdout!.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) if (line) options.onLog?.(line, "info");
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
      for (const line of chunk.toString().split("\n")) if (line) options.onLog?.(line, "warn");
    });
    child.on("message", (m: WorkerMessage) => {
      if (m.type === "progress") options.onProgress?.(m.progress);
      else if (m.type === "log") options.onLog?.(m.line, m.level);
      else if (m.type === "done") settle({ status: "done", output: m.output });
      else if (m.type === "error") settle({ status: "error", message: m.message });
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      const tail = stderr.trim().split("\n").slice(-3).join(" | ");
      resolve(
        outcome ?? {
          status: "crash",
          message: `worker exited (${signal ?? `code ${code}`}) without an answer${tail ? `: ${tail}` : ""}`,
        },
      );
    });
    child.send(task);
  });
}
