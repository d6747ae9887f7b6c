// Settings the e2e tests read (set by scripts/e2e.ts).
import { z } from "zod";

export const e2eEnv = z
  .object({
    E2E_BASE_URL: z.string().default("http://127.0.0.1:3000"),
    LOCKPICK_DB_SOCKET: z.string().optional(),
    DATABASE_URL: z.string().optional(),
    LOCKPICK_HOME: z.string().optional(),
    E2E_RUNNER: z.enum(["0", "1"]).default("0"),
    CHROMIUM_PATH: z.string().default("/usr/bin/chromium"),
    AUTH_GITHUB_ID: z.string().optional(),
    // The checkpoint store the site and runner use (tests put checkpoints through it too).
    LOCKPICK_STORAGE: z.enum(["local", "s3"]).default("local"),
    S3_ENDPOINT: z.string().optional(),
    S3_BUCKET: z.string().optional(),
    S3_REGION: z.string().default("us-east-1"),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
  })
  .parse(process.env);
