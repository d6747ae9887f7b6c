// Resolves a model's checkpoint location and file list to paths on disk, refusing anything that
// would leave the checkpoint directory.
import { statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import type { CheckpointFile } from "@lockpick/db/schema";
import { lockpickHome } from "~/env";
import type { TarEntry } from "./tar-stream";

export function checkpointDir(location: string): string {
  return isAbsolute(location) ? location : resolve(lockpickHome, location);
}

export function checkpointEntries(
  location: string,
  files: CheckpointFile[],
  top: string,
): TarEntry[] {
  const dir = checkpointDir(location);
  return files.map((f) => {
    const path = resolve(dir, f.path);
    const rel = relative(dir, path);
    if (rel.startsWith("..") || isAbsolute(rel))
      throw new Error(`unsafe checkpoint path ${f.path}`);
    const size = statSync(path).size;
    if (size !== f.bytes) throw new Error(`${f.path}: ${size} bytes on disk, ${f.bytes} recorded`);
    return { name: join(top, rel), path, size };
  });
}
