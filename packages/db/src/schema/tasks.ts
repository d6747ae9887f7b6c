// Task families (mirrors of the @lockpick/tasks registry) and the configured instances admins add.
import {
  boolean,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";

export const taskFamilies = pgTable("task_families", {
  /** The registry name, e.g. "function-composition". */
  id: text().primaryKey(),
  title: text().notNull(),
  description: text().notNull().default(""),
  /** The family's code version; instances record the version they were built with. */
  version: text().notNull(),
  /** Declarative spec from the registry (splits, domains, budgets, config schema as JSON). */
  spec: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const taskStatus = pgEnum("task_status", [
  "draft",
  "building",
  "review",
  "published",
  "rejected",
  "archived",
]);
export type TaskStatus = (typeof taskStatus.enumValues)[number];

export type BuildProgress = {
  phase?: string;
  percent?: number;
  etaSeconds?: number | null;
  log?: string[];
};

export const taskInstances = pgTable("task_instances", {
  id: uuid().primaryKey().defaultRandom(),
  /** URL-safe unique name, e.g. "function-composition-default". */
  slug: text().notNull().unique(),
  familyId: text()
    .notNull()
    .references(() => taskFamilies.id),
  title: text().notNull(),
  description: text().notNull().default(""),
  config: jsonb().$type<Record<string, unknown>>().notNull(),
  /** Bumped whenever the config or the family version changes what the task generates. */
  version: integer().notNull().default(1),
  status: taskStatus().notNull().default("draft"),
  /** True for the built-in tasks registered by `npm start`. */
  builtin: boolean().notNull().default(false),
  /** Live state of the `build-locks` job: phase, percent, ETA and the last log lines. */
  buildProgress: jsonb().$type<BuildProgress>(),
  buildError: text(),
  createdBy: text().references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
