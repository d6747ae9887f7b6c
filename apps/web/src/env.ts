// The web app's settings: the only file that reads process.env (lint enforces it).
import { storageEnvShape } from "@lockpick/runner/storage";
import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    /** auth.js signing/encryption secret; a fixed development value is used outside production. */
    AUTH_SECRET: z.string().min(16).optional(),
    AUTH_GITHUB_ID: z.string().optional(),
    AUTH_GITHUB_SECRET: z.string().optional(),
    /** Development sign-in (no OAuth app needed); refused when NODE_ENV=production. */
    AUTH_DEV_LOGIN: flag,
    /** Set on a production host behind a proxy so auth.js trusts X-Forwarded-Host. */
    AUTH_TRUST_HOST: flag,
    /** Submissions per user per UTC day that count against the quota. */
    SUBMIT_DAILY_QUOTA: z.coerce.number().int().min(0).default(5),
    /** Submit attempts (bundle + type-check) per user per minute. */
    SUBMIT_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(10),
    /** How long a submit waits for the dry run (queue wait included) before giving up. */
    SUBMIT_DRY_RUN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(150),
    /** Largest accepted plugin source in bytes. */
    PLUGIN_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(128 * 1024),
    /** A PostgreSQL server (see @lockpick/db); the job queue connects to the same database. */
    DATABASE_URL: z.string().optional(),
    /** The embedded database's socket server, when another process owns it (npm start). */
    LOCKPICK_DB_SOCKET: z.string().optional(),
    /** Where embedded state lives (checkpoints are resolved under it); see @lockpick/db env. */
    LOCKPICK_HOME: z.string().optional(),
    /** Where checkpoints are read from: the runner's store, with the runner's settings
     * (LOCKPICK_STORAGE local|s3, LOCKPICK_STORAGE_DIR default $LOCKPICK_HOME/checkpoints, S3_*). */
    ...storageEnvShape,
    /** Seconds a computed leaderboard is reused before it is recomputed. */
    LEADERBOARD_CACHE_SECONDS: z.coerce.number().min(0).default(5),
  })
  .superRefine((v, ctx) => {
    if (v.NODE_ENV === "production" && v.AUTH_DEV_LOGIN) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_DEV_LOGIN"],
        message: "The development sign-in is refused when NODE_ENV=production.",
      });
    }
  });

function load() {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid web settings: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

export const env = load();
export type WebEnv = typeof env;

/** The URL the job queue (pg-boss) connects to; the same database the web reads. */
export const queueDatabaseUrl = env.DATABASE_URL || env.LOCKPICK_DB_SOCKET || null;

/** `.lockpick/` of the repository unless LOCKPICK_HOME says otherwise (cwd is apps/web or root). */
export const lockpickHome =
  env.LOCKPICK_HOME ??
  (/[\\/]apps[\\/]web$/.test(process.cwd())
    ? `${process.cwd()}/../../.lockpick`
    : `${process.cwd()}/.lockpick`);

/** Where locally stored checkpoints live; a model's checkpointLocation is a key under it. */
export const checkpointRoot = env.LOCKPICK_STORAGE_DIR ?? `${lockpickHome}/checkpoints`;

/** The development sign-in is available only outside production and when asked for. */
export const devLoginEnabled = env.AUTH_DEV_LOGIN && env.NODE_ENV !== "production";

/** auth.js secret: required in production, a fixed value elsewhere so dev needs no setup. */
export const authSecret =
  env.AUTH_SECRET ??
  (env.NODE_ENV === "production" ? undefined : "lockpick-development-secret-not-for-production");
