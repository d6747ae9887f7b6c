// Where checkpoints live. A checkpoint is a directory of files; the database stores its location
// (a key in the store), the per-file SHA-256 list and a manifest hash.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import type { Readable } from "node:stream";

export type StoredFile = { path: string; bytes: number; sha256: string };

export interface CheckpointStore {
  readonly kind: "local" | "s3";
  /** Copies a local checkpoint directory to `key`; returns its location and file list. */
  putDir(key: string, dir: string): Promise<{ location: string; files: StoredFile[] }>;
  /** A local directory with the checkpoint's files (downloaded into a cache for remote stores). */
  fetchDir(location: string): Promise<string>;
  /** Streams one file of a checkpoint (web downloads). */
  openFile(location: string, path: string): Promise<Readable>;
  remove(location: string): Promise<void>;
}

export async function sha256File(path: string) {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Every file under `dir` with its size and SHA-256, sorted by path. */
export async function listDir(dir: string): Promise<StoredFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: StoredFile[] = [];
  for (const e of entries) {
    if (!e.isFile()) continue;
    const full = join(e.parentPath, e.name);
    const path = relative(dir, full).split("\\").join("/");
    files.push({ path, bytes: (await stat(full)).size, sha256: await sha256File(full) });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The checkpoint's SHA-256: the hash of its `sha256sum`-style manifest ("<hex>  <path>\n" per
 * file, sorted by path), so anyone can recompute it from the downloaded files.
 */
export function manifestSha256(files: StoredFile[]) {
  const manifest = files.map((f) => `${f.sha256}  ${f.path}\n`).join("");
  return createHash("sha256").update(manifest).digest("hex");
}

/** Keys are relative paths of safe segments. */
export function assertKey(key: string) {
  if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(key) || key.split("/").includes("..")) {
    throw new Error(`invalid storage key "${key}"`);
  }
}
