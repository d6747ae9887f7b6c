// Submissions: an elicitation method (plugin source + bundle) entered on one track.
import { boolean, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const submissionStatus = pgEnum("submission_status", [
  "pending",
  "queued",
  "running",
  "completed",
  "failed",
  "cancelled",
]);
export type SubmissionStatus = (typeof submissionStatus.enumValues)[number];

export const sourceVisibility = pgEnum("source_visibility", ["public", "private"]);

export const submissions = pgTable(
  "submissions",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Null for the built-in baselines. */
    authorId: text().references(() => users.id, { onDelete: "set null" }),
    /** The method's name (from defineMethod). */
    name: text().notNull(),
    description: text().notNull().default(""),
    /** Track id from @lockpick/sdk, e.g. "demonstrations", "rewards". */
    track: text().notNull(),
    source: text().notNull(),
    /** The esbuild bundle the sandbox runs. */
    bundle: text().notNull(),
    bundleSha256: text().notNull(),
    params: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    status: submissionStatus().notNull().default("pending"),
    /** Whether the source is shown to others; results are always public. */
    visibility: sourceVisibility().notNull().default("public"),
    builtin: boolean().notNull().default(false),
    /** Hidden by an admin: off the leaderboard and listings. */
    hidden: boolean().notNull().default(false),
    cancelledAt: timestamp({ withTimezone: true }),
    error: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.authorId), index().on(t.track, t.status)],
);
