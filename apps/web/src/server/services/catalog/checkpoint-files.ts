// Resolves a model's checkpoint location (a key under the runner's local checkpoint store) and
// file list to paths on disk, refusing anything that would leave the checkpoint directory.
import { statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import type { CheckpointFile } from "@lockpick/db/schema";
import { checkpointRoot } from "~/env";
import type { TarEntry } from "./tar-stream";

export function checkpointDir(location: string): string {
  return resolve(checkpointRoot, location);
}

export function checkpointEntries(
  location: string,
  files: CheckpointFile[],
  top: string,
): TarEntry[] {
  const dir = checkpointDir(location);
  const inRoot = relative(resolve(checkpointRoot), dir);
  if (inRoot.startsWith("..") || isAbsolute(inRoot)) throw new Error(`unsafe location ${location}`);
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
