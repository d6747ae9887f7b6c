// Settings of the web workspace's scripts (start, e2e, bench): the only place they read the env.
import { z } from "zod";

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Set when the e2e suite runs under CI (kept traces, no retries differ). */
  CI: z.string().optional(),
  /** Use `next dev` instead of a production build for the e2e suite (faster edit loops). */
  E2E_DEV: z.enum(["0", "1"]).default("0"),
  CHROMIUM_PATH: z.string().default("/usr/bin/chromium"),
  /** Checkpoint storage of the e2e suite: an S3-compatible test server (default) or local. */
  E2E_STORAGE: z.enum(["s3", "local"]).default("s3"),
  LOCKPICK_DB_SOCKET: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  AUTH_SECRET: z.string().optional(),
  LOCKPICK_HOME: z.string().optional(),
  /** `npm run start -w @lockpick/web` with WEB_DEV=1 serves `next dev` with the dev sign-in. */
  WEB_DEV: z.enum(["0", "1"]).default("0"),
});

export const scriptEnv = schema.parse(process.env);

/** The environment handed to child processes, plus overrides. */
export function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
