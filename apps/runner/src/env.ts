// Runner settings, read once from the environment.
import { availableParallelism, hostname } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readDbEnv } from "@lockpick/db";
import { z } from "zod";
import { lockRecipeName } from "./jobs/build-locks";
import { storageEnvShape } from "./storage/create-store";

const schema = z.object({
  /** Jobs run at once by this process (default: one per core). */
  LOCKPICK_RUNNER_CONCURRENCY: z.coerce.number().int().min(1).optional(),
  LOCKPICK_RUNNER_ID: z.string().min(1).optional(),
  /** Claims of one run that may end without a finish before it is marked errored. */
  LOCKPICK_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(3),
  /** pg-boss job heartbeat (≥ 10 s): a runner silent this long loses its jobs. */
  LOCKPICK_JOB_HEARTBEAT_SECONDS: z.coerce.number().int().min(10).default(10),
  /** How often pg-boss looks for expired leases (and other maintenance). */
  LOCKPICK_SUPERVISE_SECONDS: z.coerce.number().int().min(1).default(5),
  /** Idle polling interval for new jobs. */
  LOCKPICK_POLL_SECONDS: z.coerce.number().min(0.5).default(1),
  /** Hard wall-clock limit of one run (the harness enforces the budget's own clock first). */
  LOCKPICK_RUN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(3600),
  LOCKPICK_BUILD_TIMEOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(6 * 3600),
  /** The lock recipe of a build-locks job that names none (the admin form usually does). */
  LOCKPICK_LOCK_RECIPE: lockRecipeName.default("ft-default"),
  /** SIGTERM: how long running jobs may take to finish before they are released. */
  LOCKPICK_RUNNER_GRACE_SECONDS: z.coerce.number().min(0).default(30),
  /** What executes a run: the elicitation harness, or a synthetic CPU workload (tests, load). */
  LOCKPICK_RUN_EXECUTOR: z.enum(["harness", "synthetic"]).default("harness"),
  /** Seeds per (model, budget). */
  LOCKPICK_SEEDS: z.coerce.number().int().min(1).default(3),
  /** Evaluate only the N smallest budgets of each track's grid (quick local runs, the e2e suite). */
  LOCKPICK_BUDGETS_PER_TRACK: z.coerce.number().int().min(1).optional(),
  /** The dry run before a submission is stored: its wall clock (the plugin's elicit phase). */
  LOCKPICK_DRY_RUN_SECONDS: z.coerce.number().int().min(1).default(20),
  /** The dry run's locked model directory (default: the shipped function-composition lock). */
  LOCKPICK_DRY_RUN_MODEL_DIR: z.string().optional(),
  ...storageEnvShape,
  /** Set by `npm start`: the runner stops when that process is gone (it owns the database). */
  LOCKPICK_PARENT_PID: z.coerce.number().int().positive().optional(),
});

export type RunnerEnv = z.infer<typeof schema> & {
  /** postgres:// URL of the database (real server or the embedded owner's socket). */
  databaseUrl: string;
  socket: boolean;
  concurrency: number;
  runnerId: string;
  home: string;
  storageDir: string;
  dryRunModelDir: string;
  /** Hard limit of one dry run: its wall clock plus loading and the small evaluation. */
  dryRunTimeoutSeconds: number;
};

/** The small reference lock shipped in packages/bench/models (2 layers, d 128, 1.7 MB). */
const shippedDryRunModel = fileURLToPath(
  new URL(
    "../../models/function-composition/ft-default",
    import.meta.resolve("@lockpick/bench/harness"),
  ),
);

export function readRunnerEnv(source: Record<string, string | undefined> = process.env): RunnerEnv {
  const clean = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ""),
  );
  const env = schema.parse(clean);
  const db = readDbEnv(source);
  const databaseUrl = db.DATABASE_URL ?? db.LOCKPICK_DB_SOCKET;
  if (!databaseUrl) {
    throw new Error(
      "The runner needs DATABASE_URL or LOCKPICK_DB_SOCKET (the embedded database is owned by `npm start`).",
    );
  }
  return {
    ...env,
    databaseUrl,
    socket: !db.DATABASE_URL,
    concurrency: env.LOCKPICK_RUNNER_CONCURRENCY ?? availableParallelism(),
    runnerId: env.LOCKPICK_RUNNER_ID ?? `${hostname()}-${process.pid}`,
    home: db.home,
    storageDir: env.LOCKPICK_STORAGE_DIR ?? join(db.home, "checkpoints"),
    dryRunModelDir: env.LOCKPICK_DRY_RUN_MODEL_DIR ?? shippedDryRunModel,
    dryRunTimeoutSeconds: env.LOCKPICK_DRY_RUN_SECONDS + 90,
  };
}
