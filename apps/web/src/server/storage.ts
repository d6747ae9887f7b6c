// The checkpoint store the runners write to (local directory or S3-compatible), read through the
// runner's storage module so the web serves downloads from wherever the platform keeps them.
import { createStore, type CheckpointStore } from "@lockpick/runner/storage";
import { checkpointRoot, env, lockpickHome } from "~/env";

let store: CheckpointStore | undefined;

export function checkpointStore(): CheckpointStore {
  store ??= createStore({ ...env, storageDir: checkpointRoot, home: lockpickHome });
  return store;
}
