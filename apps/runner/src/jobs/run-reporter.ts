// Keeps a running run's lease and its live state in the database: every second it writes the
// latest progress (which refreshes the run's heartbeat) and the buffered log lines. When the
// database says the run is no longer ours (cancelled, or reclaimed after we went silent), it
// aborts the work.
import { appendRunLogs, heartbeatRun, type Database, type LogLine } from "@lockpick/db";
import type { WorkerProgress } from "../worker/protocol";

export function startRunReporter(options: {
  db: Database;
  runId: string;
  runnerId: string;
  attempt: number;
  intervalMs?: number;
  onLost: () => void;
}) {
  let progress: WorkerProgress = {};
  let lines: LogLine[] = [];
  let busy = false;
  const flush = async () => {
    if (busy) return;
    busy = true;
    try {
      const batch = lines;
      lines = [];
      await appendRunLogs(options.db, options.runId, options.attempt, batch);
      const ours = await heartbeatRun(options.db, options.runId, options.runnerId, progress);
      if (!ours) options.onLost();
    } catch (error) {
      // A database hiccup: the pg-boss lease decides whether the job survives it.
      const e = error as Error;
      console.error(`run ${options.runId}: heartbeat failed: ${String(e.cause ?? e.message)}`);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(flush, options.intervalMs ?? 1000);
  return {
    progress(p: WorkerProgress) {
      progress = { ...progress, ...p };
    },
    log(line: string, level: LogLine["level"] = "info") {
      lines.push({ line: line.slice(0, 2000), level });
    },
    /** Stops the timer and writes what is left. */
    async stop() {
      clearInterval(timer);
      while (busy) await new Promise((r) => setTimeout(r, 20));
      await appendRunLogs(options.db, options.runId, options.attempt, lines).catch(() => {});
      lines = [];
    },
  };
}
