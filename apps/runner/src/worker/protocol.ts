// Messages between a runner and its worker processes (one job per worker process, so one
// engine per worker, and a crash or a hard timeout only takes that job down).
export type WorkerTask = {
  kind: "run" | "build-locks" | "dry-run";
  executor: string;
  input: unknown;
};

export type WorkerProgress = { phase?: string; percent?: number; etaSeconds?: number | null };

export type WorkerMessage =
  | { type: "progress"; progress: WorkerProgress }
  | { type: "log"; level: "info" | "warn" | "error"; line: string }
  | { type: "done"; output: unknown }
  | { type: "error"; message: string; stack?: string };

/** Hooks an executor gets inside the worker. */
export type WorkerHooks = {
  progress(progress: WorkerProgress): void;
  log(line: string, level?: "info" | "warn" | "error"): void;
};
