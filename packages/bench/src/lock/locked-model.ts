// The directory a build produces and `verify` reads: an engine checkpoint of the locked model
// (model.json + shards + lockpick.json, whose `recipe` is the lock recipe and `extra.lock` says
// where π_strong's checkpoint is), `lock-report.json`, and — for public models only —
// `password.json` (public benchmark material; a private model's password never reaches disk here).
import { readFile, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { z } from "zod";
import { loadCheckpoint, readCheckpointManifest, saveCheckpoint, type Model } from "../engine";
import { slotKey, type Slot } from "./password";
import { recipeSchema, type Recipe } from "./recipe";
import type { LockReport } from "./report";
import type { TaskView } from "./task-view";

/** What `lockpick.json`'s `extra.lock` holds for a locked model. */
export const lockExtraSchema = z.object({
  /** π_strong's checkpoint, relative to the locked model's directory. */
  strong: z.string(),
  taskConfig: z.record(z.string(), z.unknown()),
  visibility: z.enum(["public", "private"]),
});

export interface LockManifest {
  task: string;
  taskVersion: string;
  taskConfig: Record<string, unknown>;
  recipe: Recipe;
  strong: string;
}

/** The tokenizer spec of a task vocabulary (ids are the task's: `<pad>` 0, `<eos>` 2). */
const tokenizerOf = (view: TaskView) => ({
  kind: "word" as const,
  vocab: [...view.task.vocab.tokens],
  padId: view.task.vocab.padId,
  eosId: view.task.vocab.eosId,
});

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
  const { outDir, view, recipe, report } = input;
  const task = { id: view.task.id, version: view.task.version };
  const tokenizer = tokenizerOf(view);
  await saveCheckpoint(input.strong, input.strongOut, {
    tokenizer,
    task,
    recipe: {
      stage: "strong-base",
      strongBase: recipe.strongBase,
      architecture: recipe.architecture,
    },
    seed: recipe.seed,
    metrics: { correctness: report.strong },
    // Lets a later build reuse this π_strong_base for the same task config (build-lock.ts).
    extra: { taskConfig: { ...view.task.config } },
  });
  const extra: z.infer<typeof lockExtraSchema> = {
    strong: relative(outDir, input.strongOut) || ".",
    taskConfig: { ...view.task.config },
    visibility: recipe.visibility,
  };
  // The manifest never holds the password: public ones go to password.json below.
  await saveCheckpoint(input.locked, outDir, {
    tokenizer,
    task,
    recipe,
    seed: recipe.seed,
    metrics: {
      strong: report.strong,
      weak: report.weak,
      withPassword: report.withPassword,
      withoutPassword: report.withoutPassword,
      bruteForceBest: report.bruteForceBest,
      bruteForceTried: report.bruteForceTried,
      lockGap: report.lockGap,
    },
    extra: { lock: extra, accepted: report.acceptance.accepted },
  });
  await writeFile(join(outDir, "lock-report.json"), `${JSON.stringify(report, null, 2)}\n`);
  if (input.passwords) {
    const passwords = Object.fromEntries(
      Object.entries(input.passwords).map(([d, s]) => [d, slotKey(s)]),
    );
    await writeFile(join(outDir, "password.json"), `${JSON.stringify({ passwords }, null, 2)}\n`);
  }
}

export async function readLockManifest(dir: string): Promise<LockManifest> {
  const manifest = await readCheckpointManifest(dir);
  const lock = lockExtraSchema.safeParse(manifest.extra.lock);
  if (!lock.success || !manifest.task)
    throw new Error(
      `${dir} is a checkpoint but not a locked model (no extra.lock in lockpick.json)`,
    );
  return {
    task: manifest.task.id,
    taskVersion: manifest.task.version,
    taskConfig: lock.data.taskConfig,
    recipe: recipeSchema.parse(manifest.recipe),
    strong: lock.data.strong,
  };
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

/** Loads a checkpoint, verifying hashes and that it belongs to `vocab`'s task. */
export async function loadModel(dir: string, vocab: readonly string[]): Promise<Model> {
  const { model } = await loadCheckpoint(dir, { vocab });
  return model;
}

export const strongDir = (dir: string, manifest: LockManifest) => resolve(dir, manifest.strong);
