// What a job handler gets from the runner process that claimed the job.
import type { Database } from "@lockpick/db";
import type { PgBoss } from "pg-boss";
import type { RunnerEnv } from "../env";
import type { CheckpointStore } from "../storage/checkpoint-store";

export type JobServices = {
  db: Database;
  boss: PgBoss;
  env: RunnerEnv;
  storage: CheckpointStore;
  /** Aborted when the runner shuts down and releases its jobs. */
  shutdown: AbortSignal;
};
