import { join } from "node:path";
import type { RunnerEnv } from "../env";
import type { CheckpointStore } from "./checkpoint-store";
import { localStore } from "./local-store";
import { s3Store } from "./s3-store";

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
