// The directory a build produces and `verify` reads: an engine checkpoint of the locked model
// (model.json + shards + lockpick.json, whose `recipe` is the lock recipe and `extra.lock` says
// where π_strong's checkpoint is), `lock-report.json`, and — for public models only —
// `password.json` (public benchmark material; a private model's password never reaches disk here).
// A lock whose π_weak is a model (`weak.kind: "model"`) also ships it in `weak/` (recorded as
// `extra.lock.weak`): `verify` audits with it and the harness's weak demonstrations are its
// greedy completions.
import { createHash } from "node:crypto";
import { readFile, rename, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { createTask, versionMismatch, type Task } from "@lockpick/tasks";
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
  /** π_weak's checkpoint (weak.kind "model" only), relative to the locked model's directory. */
  weak: z.string().optional(),
  /** SHA-256 of π_weak's lockpick.json, so this manifest's hash also names π_weak's weights. */
  weakSha256: z.string().optional(),
  taskConfig: z.record(z.string(), z.unknown()),
  visibility: z.enum(["public", "private"]),
});

export interface LockManifest {
  task: string;
  taskVersion: string;
  taskConfig: Record<string, unknown>;
  recipe: Recipe;
  strong: string;
  /** Where π_weak's checkpoint is (relative), for a lock whose π_weak is a model. */
  weak?: string;
  weakSha256?: string;
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
  /** π_weak as a model (recipe weak.kind "model"): saved to `<outDir>/weak`. */
  weak?: Model;
}): Promise<void> {
  const { outDir, view, recipe, report } = input;
  if ((recipe.weak.kind === "model") !== (input.weak !== undefined))
    throw new Error(`weak.kind is ${recipe.weak.kind}: a weak model must be given iff "model"`);
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
  const weakSha256 = input.weak
    ? await saveWeakCheckpoint(input.weak, join(outDir, WEAK_DIR), view, recipe)
    : undefined;
  const extra: z.infer<typeof lockExtraSchema> = {
    strong: relative(outDir, input.strongOut) || ".",
    ...(weakSha256 ? { weak: WEAK_DIR, weakSha256 } : {}),
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

/** Where a lock's π_weak checkpoint goes, relative to the locked model's directory. */
const WEAK_DIR = "weak";

/** Saves π_weak and returns the SHA-256 of its lockpick.json (which pins its weight files). */
async function saveWeakCheckpoint(
  weak: Model,
  dir: string,
  view: TaskView,
  recipe: Recipe,
): Promise<string> {
  if (recipe.weak.kind !== "model") throw new Error("only a weak.kind model lock ships π_weak");
  await saveCheckpoint(weak, dir, {
    tokenizer: tokenizerOf(view),
    task: { id: view.task.id, version: view.task.version },
    recipe: { stage: "weak", weak: recipe.weak },
    seed: recipe.seed,
    extra: { taskConfig: { ...view.task.config } },
  });
  return manifestFileSha256(dir);
}

const manifestFileSha256 = async (dir: string) =>
  createHash("sha256")
    .update(await readFile(join(dir, "lockpick.json")))
    .digest("hex");

/**
 * Ships π_weak with an already written locked model: saves `weak` to `<outDir>/weak` and
 * records it in the manifest's `extra.lock.weak` (for locks built before π_weak was shipped;
 * `lockpick models attach-weak`). lockpick.json is not among its own hashed files, so the
 * locked checkpoint still loads; its SHA-256 (the harness's checkpoint id) changes.
 */
export async function attachWeakModel(
  outDir: string,
  weak: Model,
  view: TaskView,
  recipe: Recipe,
): Promise<string> {
  if (recipe.weak.kind !== "model")
    throw new Error(`${outDir}: weak.kind is ${recipe.weak.kind}, not "model"`);
  const { architecture: a } = recipe.weak;
  const c = weak.config;
  if (
    c.nLayers !== a.layers ||
    c.dModel !== a.dModel ||
    c.nHeads !== a.heads ||
    c.mlpRatio !== a.mlpRatio ||
    c.vocabSize !== view.task.vocab.size
  )
    throw new Error(`${outDir}: the weak model's shape is not the recipe's weak.architecture`);
  const dir = join(outDir, WEAK_DIR);
  const weakSha256 = await saveWeakCheckpoint(weak, dir, view, recipe);
  const path = join(outDir, "lockpick.json");
  const json = JSON.parse(await readFile(path, "utf8")) as { extra: { lock: object } };
  json.extra.lock = { ...json.extra.lock, weak: WEAK_DIR, weakSha256 };
  await writeFile(`${path}.tmp`, `${JSON.stringify(json, null, 2)}\n`);
  await rename(`${path}.tmp`, path);
  return dir;
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
    ...(lock.data.weak === undefined ? {} : { weak: lock.data.weak }),
    ...(lock.data.weakSha256 === undefined ? {} : { weakSha256: lock.data.weakSha256 }),
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

/** π_weak's checkpoint directory, when the lock ships one (weak.kind "model"). */
export const weakDir = (dir: string, manifest: LockManifest): string | undefined =>
  manifest.weak === undefined ? undefined : resolve(dir, manifest.weak);

/**
 * Loads the π_weak a lock ships, refusing one whose lockpick.json is not the one the lock's
 * manifest pinned (a swapped π_weak would change weak demonstrations under the same hash).
 */
export async function loadWeakModel(
  weak: string,
  manifest: LockManifest,
  vocab: readonly string[],
): Promise<Model> {
  if (manifest.weakSha256 && (await manifestFileSha256(weak)) !== manifest.weakSha256)
    throw new Error(`${weak} is not the π_weak this lock was built with (SHA-256 differs)`);
  return loadModel(weak, vocab);
}

/**
 * A locked model's manifest and the task it was built on (`task`: one not in the registry),
 * refusing a task whose version N differs (an X bump leaves problems, splits and scores as
 * they were).
 */
export async function openLock(
  dir: string,
  task?: Task,
): Promise<{ manifest: LockManifest; task: Task }> {
  const manifest = await readLockManifest(dir);
  const t = task ?? createTask(manifest.task, manifest.taskConfig);
  const mismatch = versionMismatch(manifest.task, manifest.taskVersion, t.version);
  if (mismatch) throw new Error(`${dir} was ${mismatch}`);
  return { manifest, task: t };
}
