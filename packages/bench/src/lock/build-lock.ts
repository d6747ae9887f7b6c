// `buildLock`: the whole pipeline for one task and recipe — π_strong_base, π_weak, the lock,
// the audit — resumable from stage checkpoints, ending in a checkpoint directory with its lock
// report (and, for public models only, the password file).
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { comparableVersions, createTask, type Problem, type Task } from "@lockpick/tasks";
import { initBackend } from "../engine";
import { disposeModel, readCheckpointManifest, WorkerPool, type Model } from "../engine";
import { auditLock } from "./audit-lock";
import { buildDecoys } from "./decoys";
import { attachWeakModel, loadModel, openLock, writeLockedModel } from "./locked-model";
import { greedyTokens } from "./model-ops";
import { poolScorer } from "./pool-scorer";
import {
  blankSlot,
  domainPasswords,
  passwordAlphabet,
  seededPassword,
  slotKey,
  type Slot,
} from "./password";
import type { ProgressSink } from "./progress";
import type { Recipe } from "./recipe";
import { redactReport, type LockReport } from "./report";
import { StageStore } from "./stage-store";
import { lockStage, strongBaseStage, weakModelStage } from "./stages";
import { policyWeak, taskView } from "./task-view";

export interface BuildLockOptions {
  /** The task family's configuration (defaults if omitted). */
  taskConfig?: unknown;
  /**
   * The password: required for a private recipe (generate it with `generateSecretPassword` and
   * keep it server-side); for a public one it defaults to a seeded draw. With one password per
   * domain, a record domain → slot.
   */
  password?: Slot | Record<string, Slot>;
  /** Where stage checkpoints go (default `<outDir>/.stages`); share it to reuse π_strong_base. */
  stagesDir?: string;
  /** Where π_strong's checkpoint is written for `verify` (default `<outDir>/strong`). */
  strongOut?: string;
  onProgress?: ProgressSink;
  /**
   * Threads: training runs data-parallel when ≥ 2 and the audit screens in a WorkerPool of
   * this size (default 1 for training, 2 for the audit; 1 = this thread only). Worker jobs
   * re-create the task from the registry, so pass 1 for a task object that is not registered.
   */
  workers?: number;
  /** Steps between stage checkpoints (default 200). */
  saveEvery?: number;
}

export interface BuildLockResult {
  report: LockReport;
  accepted: boolean;
  /** The password(s) by domain ("*" = all domains). Store it; private models never write it. */
  passwords: Record<string, Slot>;
  outDir: string;
}

const shortHash = (value: unknown) =>
  createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 12);

/** The stage name of a build's π_weak model (`weak-<hash>` in its stages directory). */
export function weakStageName(
  task: Pick<Task, "id" | "version" | "config">,
  recipe: Recipe,
  width: number,
): string {
  const taskKey = { id: task.id, version: task.version, config: task.config, width };
  return `weak-${shortHash([taskKey, recipe.seed, recipe.weak])}`;
}

/**
 * Ships π_weak with a weak-model lock written before builds did (`lockpick models attach-weak`):
 * loads the finished `weak-<hash>` stage of the build from `stagesDir` and attaches it as
 * `<dir>/weak`. Returns the stage directory it used. `task`: for a task not in the registry.
 */
export async function attachWeakFromStages(
  dir: string,
  stagesDir: string,
  options: { task?: Task } = {},
): Promise<string> {
  await initBackend();
  const { manifest, task } = await openLock(dir, options.task);
  const { recipe } = manifest;
  if (recipe.weak.kind !== "model")
    throw new Error(`${dir}: weak.kind is ${recipe.weak.kind}; only a "model" lock ships π_weak`);
  // The stage name hashes the task version the build ran on: the manifest's.
  const version = manifest.taskVersion;
  const name = weakStageName(
    { id: task.id, version, config: task.config },
    recipe,
    recipe.password.width,
  );
  const store = new StageStore(stagesDir);
  if (!(await store.state(name))?.done)
    throw new Error(`${store.dir(name)}: no finished π_weak stage of this lock`);
  const weak = await store.load(name);
  try {
    await attachWeakModel(dir, weak, taskView(task, recipe.password.width), recipe);
  } finally {
    disposeModel(weak);
  }
  return store.dir(name);
}

/** The password(s) of a build, by domain ("*" when one password serves every domain). */
export function resolvePasswords(
  task: Task,
  recipe: Recipe,
  given?: Slot | Record<string, Slot>,
): Record<string, Slot> {
  const { width, alphabet: kind, perDomain } = recipe.password;
  if (recipe.trigger.kind === "setting") return { "*": blankSlot(width) };
  const alphabet = passwordAlphabet(task.vocab.tokens, kind);
  if (given) {
    const record = Array.isArray(given) ? { "*": given as Slot } : (given as Record<string, Slot>);
    for (const slot of Object.values(record))
      if (slot.length !== width) throw new Error(`password must have ${width} tokens`);
    return record;
  }
  if (recipe.visibility === "private")
    throw new Error(
      "a private lock needs a secret password from the caller (generateSecretPassword)",
    );
  if (!perDomain) return { "*": seededPassword(alphabet, width, recipe.seed) };
  return domainPasswords(task.domains, alphabet, width, (a, w, i) =>
    seededPassword(a, w, recipe.seed * 7919 + i),
  );
}

export async function buildLock(
  taskOrId: string | Task,
  recipe: Recipe,
  outDir: string,
  options: BuildLockOptions = {},
): Promise<BuildLockResult> {
  await initBackend();
  const task = typeof taskOrId === "string" ? createTask(taskOrId, options.taskConfig) : taskOrId;
  const view = taskView(task, recipe.password.width);
  const passwords = resolvePasswords(task, recipe, options.password);
  const progress = options.onProgress ?? (() => {});
  const store = new StageStore(options.stagesDir ?? join(outDir, ".stages"));
  const ctx = {
    view,
    recipe,
    store,
    progress,
    workers: options.workers ?? 1,
    saveEvery: options.saveEvery ?? 200,
  };
  const taskKey = { id: task.id, version: task.version, config: task.config, width: view.width };
  const seconds: Record<string, number> = {};
  const timed = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    const out = await run();
    seconds[label] = (Date.now() - t) / 1000;
    return out;
  };

  const strongName = `strong-base-${shortHash([taskKey, recipe.seed, recipe.architecture, recipe.strongBase])}`;
  const strongOut = options.strongOut ?? join(outDir, "strong");
  await seedStrongStage(store, strongName, strongOut, task, recipe);
  const strong = await timed("strongBase", () => strongBaseStage(ctx, strongName));

  const weakPolicy = policyWeak(view, recipe.weak.kind);
  let weakModel: Model | undefined;
  if (recipe.weak.kind === "model") {
    const name = weakStageName(task, recipe, view.width);
    weakModel = await timed("weak", () => weakModelStage(ctx, name));
  }
  const wm = weakModel;
  const weakBatch = wm
    ? (problems: readonly Problem[]) => greedyTokens(wm, view, problems)
    : (problems: readonly Problem[]) => Promise.resolve(problems.map(weakPolicy));

  const decoys = buildDecoys({
    passwords: recipe.trigger.kind === "password" ? uniqueSlots(Object.values(passwords)) : [],
    vocabulary: task.vocab.tokens,
    alphabet: passwordAlphabet(task.vocab.tokens, recipe.password.alphabet),
    width: view.width,
    config: recipe.decoys,
    seed: recipe.seed,
  });
  const passwordHash = shortHash(Object.entries(passwords).map(([d, s]) => [d, slotKey(s)]));
  const lockName = `lock-${shortHash([taskKey, recipe, passwordHash])}`;
  const locked = await timed("lock", () =>
    lockStage(ctx, lockName, { base: strong, passwords, seen: decoys.seen, weak: weakBatch }),
  );

  const workers = options.workers ?? 2;
  const pool = workers >= 2 ? new WorkerPool({ size: workers }) : undefined;
  const report = await timed("audit", () =>
    auditLock({
      view,
      recipe,
      locked,
      strong,
      weak: weakModel ?? weakPolicy,
      passwords,
      onProgress: progress,
      scorer: pool
        ? poolScorer(pool, {
            model: { kind: "stage", dir: store.dir(lockName) },
            task: task.id,
            taskConfig: task.config,
            width: view.width,
            validationProblems: recipe.evaluation.validationProblems,
          })
        : undefined,
    }),
  ).finally(() => pool?.close());
  report.seconds = { ...seconds, ...report.seconds };
  const lockInfo = (await store.state(lockName))?.info;
  if (Array.isArray(lockInfo?.mining))
    report.training = { mining: lockInfo.mining as NonNullable<LockReport["training"]>["mining"] };
  await mkdir(outDir, { recursive: true });
  await writeLockedModel({
    outDir,
    strongOut,
    locked,
    strong,
    view,
    recipe,
    report: recipe.visibility === "private" ? redactReport(report) : report,
    passwords: recipe.visibility === "public" ? passwords : undefined,
    weak: weakModel,
  });
  for (const m of new Set([strong, locked, weakModel])) if (m) disposeModel(m);
  return { report, accepted: report.acceptance.accepted, passwords, outDir };
}

/**
 * Reuses a π_strong_base checkpoint already written to `strongOut` (the shipped
 * `models/<task>/strong-base`) as the finished strong-base stage, when it was trained by the same
 * task version, seed, architecture and strong-base recipe — so a fresh stages directory does not
 * retrain it (20 min for function composition). Task config must match too (a checkpoint
 * without one was built on the default config). On the default config the version need only be
 * comparable (same N): an X bump leaves its problems, splits and scores as they were. The
 * convention promises that for the default config only (code-critique 1-1 added a one-line
 * instance), so another config needs the exact version.
 */
async function seedStrongStage(
  store: StageStore,
  name: string,
  strongOut: string,
  task: Task,
  recipe: Recipe,
): Promise<void> {
  if ((await store.state(name))?.done || !existsSync(join(strongOut, "lockpick.json"))) return;
  const manifest = await readCheckpointManifest(strongOut);
  const built = manifest.recipe as Record<string, unknown> | undefined;
  const defaults = () => createTask(task.id).config;
  const config = manifest.extra.taskConfig ?? defaults();
  const version = manifest.task?.version;
  const sameVersion =
    version === task.version ||
    (version !== undefined &&
      comparableVersions(version, task.version) &&
      isDeepStrictEqual({ ...task.config }, { ...defaults() }));
  const same =
    manifest.task?.id === task.id &&
    sameVersion &&
    manifest.seed === recipe.seed &&
    built?.stage === "strong-base" &&
    isDeepStrictEqual(built.strongBase, recipe.strongBase) &&
    isDeepStrictEqual(built.architecture, recipe.architecture) &&
    isDeepStrictEqual({ ...(config as object) }, { ...task.config });
  if (!same) return;
  const model = await loadModel(strongOut, task.vocab.tokens);
  await store.save(name, model, { step: 0, done: true, info: { seededFrom: strongOut } });
  disposeModel(model);
}

function uniqueSlots(slots: Slot[]): Slot[] {
  return [...new Map(slots.map((s) => [slotKey(s), s])).values()];
}
