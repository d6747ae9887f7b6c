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

/**
 * The dry run a submission went through before it was stored (docs/runner.md): what ran (task
 * and lock of the small model, budget, seconds) and how it ended — passed with its status and
 * correctness on a few validation problems, or refused with the harness's error. The runner's
 * `dryRunVerdictSchema` is the zod boundary; this is its stored shape.
 */
export type SubmissionDryRun = {
  ok: boolean;
  /** completed | budget-exhausted when passed; plugin | timeout | infra when not. */
  outcome: string;
  task: string | null;
  lock: string | null;
  /**
   * The task config the lock was built on, as its lock report records it (null: none recorded,
   * the task's default; absent in dry runs stored before it was kept). Shown when not the default.
   */
  taskConfig?: Record<string, unknown> | null;
  budget: number | null;
  seconds: number | null;
  correctness: number | null;
  problems: number | null;
  /** The error (refused), or the budget refusal that ended a budget-exhausted run. */
  error: string | null;
  /** ISO time the verdict came back. */
  at: string;
};

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
    /** Source map of `bundle` (JSON, no source text): maps plugin error stacks; never served. */
    bundleSourceMap: text(),
    /** Null: no dry run recorded (built-in baselines, submissions from before it was stored). */
    dryRun: jsonb().$type<SubmissionDryRun>(),
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
