// Checkpoints in a local directory (default: $LOCKPICK_HOME/checkpoints).
import { createReadStream } from "node:fs";
import { access, cp, mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { assertKey, listDir, type CheckpointStore } from "./checkpoint-store";

export function localStore(root: string): CheckpointStore {
  const pathOf = (location: string) => {
    assertKey(location);
    return join(root, location);
  };
  return {
    kind: "local",
    async putDir(key, dir) {
      const target = pathOf(key);
      // Every file must be addressable later (openFile takes keys only).
      for (const f of await listDir(dir)) assertKey(f.path);
      await rm(target, { recursive: true, force: true });
      await mkdir(target, { recursive: true });
      await cp(dir, target, { recursive: true });
      return { location: key, files: await listDir(target) };
    },
    async fetchDir(location) {
      return pathOf(location);
    },
    async openFile(location, path) {
      assertKey(path);
      const file = join(pathOf(location), path);
      await access(file); // a missing file rejects here, not later on the stream
      return createReadStream(file);
    },
    async remove(location) {
      await rm(pathOf(location), { recursive: true, force: true });
    },
  };
}
