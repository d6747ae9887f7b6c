// The checkpoint store the suite's site and runner use (S3 test server or local directory), so
// tests put checkpoints where the platform keeps them.
import { storeFromEnv, type CheckpointStore } from "@lockpick/runner/storage";
import { e2eEnv } from "./env";

export function e2eStore(): CheckpointStore {
  const { LOCKPICK_HOME, ...settings } = e2eEnv;
  // The same settings as the site's; its local directory is $LOCKPICK_HOME/checkpoints.
  return storeFromEnv(settings, LOCKPICK_HOME!);
}
