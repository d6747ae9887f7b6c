// Locked models: checkpoints produced by the locking pipeline for a task instance. The password
// lives only in this table: query functions for clients and plugins never select it.
import {
  bigint,
  boolean,
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { taskInstances } from "./tasks";

export const modelVisibility = pgEnum("model_visibility", ["public", "private"]);
export type ModelVisibility = (typeof modelVisibility.enumValues)[number];

export const modelStatus = pgEnum("model_status", ["building", "review", "published", "rejected"]);
export type ModelStatus = (typeof modelStatus.enumValues)[number];

/**
 * An admin published a model whose lock report failed its acceptance checks: who, when, why,
 * and the failed checks at that moment (shown on the models page beside the report).
 */
export type AcceptanceOverride = {
  by: string;
  byName: string | null;
  at: string;
  reason: string;
  failedChecks: string[];
};

/** One file of a checkpoint, as listed on the model page. */
export type CheckpointFile = { path: string; bytes: number; sha256: string };

export const lockedModels = pgTable(
  "locked_models",
  {
    id: uuid().primaryKey().defaultRandom(),
    taskInstanceId: uuid()
      .notNull()
      .references(() => taskInstances.id, { onDelete: "cascade" }),
    /** Unique within its task instance, e.g. "public-1", "private-2". */
    name: text().notNull(),
    visibility: modelVisibility().notNull(),
    status: modelStatus().notNull().default("building"),
    /** Storage key of the checkpoint directory (see apps/runner checkpoint storage). */
    checkpointLocation: text(),
    /** SHA-256 of the checkpoint (the published commitment for private models). */
    checkpointSha256: text(),
    checkpointBytes: bigint({ mode: "number" }),
    files: jsonb().$type<CheckpointFile[]>().notNull().default([]),
    /** Architecture and training recipe (the model card). */
    recipe: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** Lock quality: floor/ceiling correctness, decoy results, per-domain numbers. */
    lockReport: jsonb().$type<Record<string, unknown>>(),
    /** Set when the model was published over failed acceptance checks (null otherwise). */
    acceptanceOverride: jsonb().$type<AcceptanceOverride>(),
    /** Secret. Never selected by queries that feed a client or a plugin. */
    password: text(),
    passwordSalt: text(),
    /** SHA-256 hex of salt + password, published so the password can be audited after reveal. */
    passwordCommitment: text(),
    /** True for reference models shipped in the repo (packages/bench/models). */
    shipped: boolean().notNull().default(false),
    license: text().notNull().default("MIT"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [unique().on(t.taskInstanceId, t.name), index().on(t.status, t.visibility)],
);
