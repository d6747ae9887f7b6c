// The directory a build produces and `verify` reads: the locked weights, `lock.json` (task,
// recipe, where π_strong's checkpoint is), `lock-report.json`, and — for public models only —
// `password.json` (public benchmark material; a private model's password never reaches disk here).
import { readFile, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { z } from "zod";
import type { Model } from "../engine";
import { slotKey, type Slot } from "./password";
import { recipeSchema, type Recipe } from "./recipe";
import type { LockReport } from "./report";
import { loadWeights, saveWeights } from "./stage-store";
import type { TaskView } from "./task-view";

export const LOCK_FORMAT = "lockpick-lock/1";

export const lockManifestSchema = z.object({
  format: z.literal(LOCK_FORMAT),
  task: z.string(),
  taskVersion: z.string(),
  taskConfig: z.record(z.string(), z.unknown()),
  recipe: recipeSchema,
  /** π_strong's checkpoint, relative to this directory. */
  strong: z.string(),
  vocab: z.array(z.string()),
  createdAt: z.string(),
});
export type LockManifest = z.infer<typeof lockManifestSchema>;

const passwordFileSchema = z.object({ passwords: z.record(z.string(), z.string()) });

export async function writeLockedModel(input: {
  outDir: string;
  strongOut: string;
  locked: Model;
  strong: Model;
  view: TaskView;
  recipe: Recipe;
  report: LockReport;
  passwords: Record<string, Slot> | undefined;
}): Promise<void> {
  const { outDir, view } = input;
  await saveWeights(outDir, input.locked);
  await saveWeights(input.strongOut, input.strong);
  const manifest: LockManifest = {
    format: LOCK_FORMAT,
    task: view.task.id,
    taskVersion: view.task.version,
    taskConfig: { ...view.task.config },
    recipe: input.recipe,
    strong: relative(outDir, input.strongOut) || ".",
    vocab: [...view.task.vocab.tokens],
    createdAt: new Date().toISOString(),
  };
  await writeFile(join(outDir, "lock.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(join(outDir, "lock-report.json"), `${JSON.stringify(input.report, null, 2)}\n`);
  if (input.passwords) {
    const passwords = Object.fromEntries(
      Object.entries(input.passwords).map(([d, s]) => [d, slotKey(s)]),
    );
    await writeFile(join(outDir, "password.json"), `${JSON.stringify({ passwords }, null, 2)}\n`);
  }
}

export async function readLockManifest(dir: string): Promise<LockManifest> {
  const text = await readFile(join(dir, "lock.json"), "utf8").catch(() => {
    throw new Error(`${dir} is not a locked model (no lock.json)`);
  });
  return lockManifestSchema.parse(JSON.parse(text));
}

/** A public model's password(s) from `password.json`, if shipped. */
export async function readPasswordFile(dir: string): Promise<Record<string, Slot> | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, "password.json"), "utf8");
  } catch {
    return undefined;
  }
  const { passwords } = passwordFileSchema.parse(JSON.parse(text));
  return Object.fromEntries(Object.entries(passwords).map(([d, s]) => [d, s.split(" ")]));
}

export async function readStoredReport(dir: string): Promise<LockReport | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, "lock-report.json"), "utf8")) as LockReport;
  } catch {
    return undefined;
  }
}

export const loadLockedWeights = (dir: string) => loadWeights(dir);
export const loadStrongWeights = (dir: string, manifest: LockManifest) =>
  loadWeights(resolve(dir, manifest.strong));
