// A small pool of worker threads for engine jobs. tfjs-wasm runs one thread per instance, so
// parallelism comes from running one job per worker: a 2-core machine trains two models at once
// while the main thread's event loop stays free.
//
// A job is an exported (async) function of a module, called inside a worker with
// structured-clonable arguments; its resolved value comes back the same way. Each worker
// initialises the engine backend once before its first job.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { BackendName } from "./backend";

export interface WorkerPoolOptions {
  /** Worker threads (default: number of cores). */
  size?: number;
  /** Backend each worker initialises (default: the usual selection, LOCKPICK_BACKEND honoured). */
  backend?: BackendName;
}

export interface Job {
  /** Module URL or absolute path of the job module (e.g. new URL("./my-job.ts", import.meta.url)). */
  module: string | URL;
  /** Exported function to call (default "default"). */
  export?: string;
  args?: unknown[];
}

interface Pending {
  job: Job;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  busy?: Pending;
}

/** What worker-entry.ts posts back. */
export type JobReply =
  { ok: true; value: unknown } | { ok: false; message: string; stack?: string };

const entry = new URL("./worker-entry.ts", import.meta.url);

export class WorkerPool {
  readonly size: number;
  private readonly backend: BackendName | undefined;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private closed = false;

  constructor(options: WorkerPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? availableParallelism());
    this.backend = options.backend;
  }

  /** Runs a job on the next free worker; resolves with the job function's value. */
  run<T = unknown>(job: Job): Promise<T> {
    if (this.closed) return Promise.reject(new Error("worker pool is closed"));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ job, resolve: resolve as (v: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Jobs waiting for a worker. */
  get queued(): number {
    return this.queue.length;
  }

  /** Terminates every worker; queued jobs are rejected. (Idle workers never hold the process open.) */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error("worker pool closed"));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const pending = this.queue.shift()!;
      slot.busy = pending;
      slot.worker.ref(); // a running job keeps the process alive; an idle pool does not
      const module =
        pending.job.module instanceof URL ? pending.job.module.href : pending.job.module;
      slot.worker.postMessage({
        module,
        export: pending.job.export ?? "default",
        args: pending.job.args ?? [],
      });
    }
  }

  private spawn(): Slot {
    const worker = new Worker(entry, {
      // Workers run TypeScript through tsx, as the main process does.
      execArgv: ["--import", import.meta.resolve("tsx")],
      workerData: { backend: this.backend },
    });
    const slot: Slot = { worker };
    worker.on("message", (reply: JobReply) => {
      const pending = slot.busy;
      slot.busy = undefined;
      worker.unref();
      if (pending) {
        if (reply.ok) pending.resolve(reply.value);
        else pending.reject(Object.assign(new Error(reply.message), { stack: reply.stack }));
      }
      this.dispatch();
    });
    const fail = (error: Error) => {
      const pending = slot.busy;
      slot.busy = undefined;
      this.slots.splice(this.slots.indexOf(slot), 1);
      pending?.reject(error);
      if (!this.closed) this.dispatch();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (this.slots.includes(slot)) fail(new Error(`engine worker exited with code ${code}`));
    });
    this.slots.push(slot);
    return slot;
  }
}
