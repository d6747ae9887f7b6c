import { join } from "node:path";
import { z } from "zod";
import type { RunnerEnv } from "../env";
import type { CheckpointStore } from "./checkpoint-store";
import { localStore } from "./local-store";
import { s3Store } from "./s3-store";

/** The store's environment settings; the runner's and the web's env schemas both spread these. */
export const storageEnvShape = {
  /** Checkpoint storage: a local directory (default) or S3-compatible object storage. */
  LOCKPICK_STORAGE: z.enum(["local", "s3"]).default("local"),
  LOCKPICK_STORAGE_DIR: z.string().optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_PREFIX: z.string().default(""),
};

/** What picks and configures the store: the runner's settings, or the web's same-named ones. */
export type StorageSettings = Pick<
  RunnerEnv,
  | "LOCKPICK_STORAGE"
  | "S3_ENDPOINT"
  | "S3_BUCKET"
  | "S3_REGION"
  | "S3_ACCESS_KEY_ID"
  | "S3_SECRET_ACCESS_KEY"
  | "S3_PREFIX"
  | "storageDir"
  | "home"
>;

/** The checkpoint store the environment configures (LOCKPICK_STORAGE=local|s3). */
export function createStore(env: StorageSettings): CheckpointStore {
  if (env.LOCKPICK_STORAGE === "local") return localStore(env.storageDir);
  const { S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = env;
  if (!S3_ENDPOINT || !S3_BUCKET || !S3_ACCESS_KEY_ID || !S3_SECRET_ACCESS_KEY) {
    throw new Error(
      "LOCKPICK_STORAGE=s3 needs S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY",
    );
  }
  return s3Store({
    endpoint: S3_ENDPOINT,
    bucket: S3_BUCKET,
    accessKeyId: S3_ACCESS_KEY_ID,
    secretAccessKey: S3_SECRET_ACCESS_KEY,
    region: env.S3_REGION,
    prefix: env.S3_PREFIX,
    cacheDir: join(env.home, "cache", "checkpoints"),
  });
}

/**
 * The store configured by an environment (`storageEnvShape` variables; empty values count as
 * unset), for processes without a runner env: the web, `npm start`'s registration, tests.
 */
export function storeFromEnv(source: Record<string, string | undefined>, home: string) {
  const clean = Object.fromEntries(Object.entries(source).filter(([, v]) => v));
  const settings = z.object(storageEnvShape).parse(clean);
  return createStore({
    ...settings,
    storageDir: settings.LOCKPICK_STORAGE_DIR ?? join(home, "checkpoints"),
    home,
  });
}
