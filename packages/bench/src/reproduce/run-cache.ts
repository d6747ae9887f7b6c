// Per-run result cache of the reproduction (one JSON file per seed-run under
// docs/results/runs, committed with the report it produced). The key covers everything that changes a result: the method's
// source, the locked model's report, track, budget, seed, params and limit overrides. Editing a
// method or rebuilding a lock therefore re-runs exactly the affected cells.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { RunSpec } from "./plan";
import type { SeedOutcome } from "./summarize";

export interface CachedRun {
  key: string;
  spec: Omit<RunSpec, "group">;
  outcome: SeedOutcome;
  finishedAt: string;
}

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export function runKey(
  spec: RunSpec,
  methodSha: string,
  modelSha: string,
): { key: string; spec: Omit<RunSpec, "group"> } {
  const { group: _group, ...rest } = spec;
  const key = sha256(JSON.stringify({ ...rest, methodSha, modelSha })).slice(0, 24);
  return { key, spec: rest };
}

export class RunCache {
  constructor(readonly dir: string) {}

  private file(key: string) {
    return join(this.dir, `${key}.json`);
  }

  async get(key: string): Promise<CachedRun | undefined> {
    const file = this.file(key);
    if (!existsSync(file)) return undefined;
    return JSON.parse(await readFile(file, "utf8")) as CachedRun;
  }

  async put(entry: CachedRun): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(this.file(entry.key), `${JSON.stringify(entry)}\n`);
  }

  async all(): Promise<CachedRun[]> {
    if (!existsSync(this.dir)) return [];
    const files = (await readdir(this.dir)).filter((f) => f.endsWith(".json"));
    return Promise.all(
      files.map(async (f) => JSON.parse(await readFile(join(this.dir, f), "utf8")) as CachedRun),
    );
  }
}
