// Operational tables: runner health and per-user quota / rate-limit counters.
import { integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";

/** One row per runner process, refreshed by its heartbeat; the admin page reads it. */
export const runners = pgTable("runners", {
  id: text().primaryKey(),
  host: text().notNull(),
  pid: integer().notNull(),
  concurrency: integer().notNull(),
  active: integer().notNull().default(0),
  completed: integer().notNull().default(0),
  failed: integer().notNull().default(0),
  startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  heartbeatAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  stoppedAt: timestamp({ withTimezone: true }),
});

/**
 * Counters in fixed windows: `bucket` names what is counted ("submissions", "submit-attempts"),
 * `window` is the window's start (a day for quotas, a minute for rate limits).
 */
export const usageCounters = pgTable(
  "usage_counters",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    bucket: text().notNull(),
    window: timestamp({ withTimezone: true }).notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.bucket, t.window] })],
);
