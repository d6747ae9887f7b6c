export type { CheckpointStore, StoredFile } from "./checkpoint-store";
export { listDir, manifestSha256, sha256File } from "./checkpoint-store";
export { localStore } from "./local-store";
export { s3Store, type S3Config } from "./s3-store";
export { createStore, storageEnvShape, storeFromEnv, type StorageSettings } from "./create-store";
