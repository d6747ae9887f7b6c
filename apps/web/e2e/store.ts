// The checkpoint store the suite's site and runner use (S3 test server or local directory), so
// tests put checkpoints where the platform keeps them.
import { join } from "node:path";
import { createStore, type CheckpointStore } from "@lockpick/runner/storage";
import { e2eEnv } from "./env";

export function e2eStore(): CheckpointStore {
  const home = e2eEnv.LOCKPICK_HOME!;
  return createStore({
    ...e2eEnv,
    S3_PREFIX: "",
    storageDir: join(home, "checkpoints"),
    home: join(home, "e2e-tests"),
  });
}
