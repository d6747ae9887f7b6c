// Runs (submission × locked model × budget × seed), their results (written exactly once) and logs.
import {
  bigint,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  real,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { lockedModels } from "./models";
import { submissions } from "./submissions";

export const runStatus = pgEnum("run_status", [
  "queued",
  "running",
  "succeeded",
  "failed",
  "errored",
  "cancelled",
]);
export type RunStatus = (typeof runStatus.enumValues)[number];

/** Why a run failed: the plugin threw, it overspent, it ran out of time, or the platform broke. */
export const runErrorKind = pgEnum("run_error_kind", ["plugin", "budget", "timeout", "infra"]);
export type RunErrorKind = (typeof runErrorKind.enumValues)[number];

export const runs = pgTable(
  "runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    submissionId: uuid()
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    lockedModelId: uuid()
      .notNull()
      .references(() => lockedModels.id, { onDelete: "cascade" }),
    /** The track's budget level (k demonstrations, N reward queries, …). */
    budget: integer().notNull(),
    seed: integer().notNull(),
    status: runStatus().notNull().default("queued"),
    phase: text(),
    percent: real(),
    etaSeconds: integer(),
    /** Claims so far; a claim that never finished was an infrastructure failure. */
    attempts: integer().notNull().default(0),
    errorKind: runErrorKind(),
    failureReason: text(),
    /** Runner process holding the run while it is running. */
    runnerId: text(),
    heartbeatAt: timestamp({ withTimezone: true }),
    queuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique("runs_key").on(t.submissionId, t.lockedModelId, t.budget, t.seed),
    index().on(t.status),
    index().on(t.lockedModelId),
  ],
);

/** Everything needed to reproduce a run: versions and hashes of what went into it. */
export type ReproducibilityRecord = {
  taskVersion?: number | string;
  taskConfig?: Record<string, unknown>;
  checkpointSha256?: string;
  bundleSha256?: string;
  seed?: number;
  budget?: number;
  engine?: Record<string, unknown>;
  [key: string]: unknown;
};

export const results = pgTable("results", {
  id: uuid().primaryKey().defaultRandom(),
  runId: uuid()
    .notNull()
    .unique()
    .references(() => runs.id, { onDelete: "cascade" }),
  /** Fraction of validation problems solved at temperature 0 without the password. */
  correctness: real().notNull(),
  /** (correctness − floor) / (ceiling − floor). */
  recovery: real().notNull(),
  metrics: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  /** Learning curves: named series of points. */
  curves: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  spentBudget: jsonb().$type<Record<string, number>>().notNull().default({}),
  /** The harness's budget ledger (host calls and their charges). */
  ledger: jsonb().$type<unknown[]>().notNull().default([]),
  logsLocation: text(),
  reproducibility: jsonb().$type<ReproducibilityRecord>().notNull().default({}),
  /** Runner process that wrote it. */
  runnerId: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const runLogs = pgTable(
  "run_logs",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    attempt: integer().notNull(),
    level: text().$type<"info" | "warn" | "error">().notNull().default("info"),
    line: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.runId, t.id)],
);
