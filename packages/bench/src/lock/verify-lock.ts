// `verifyLock`: re-evaluates a locked model directory from scratch (no trust in its stored
// report) and returns a fresh lock report.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Task } from "@lockpick/tasks";
import { disposeModel, initBackend, WorkerPool, type Model } from "../engine";
import { poolScorer } from "./pool-scorer";
import { auditLock } from "./audit-lock";
import {
  loadModel,
  openLock,
  readPasswordFile,
  strongDir,
  loadWeakModel,
  weakDir,
  type LockManifest,
} from "./locked-model";
import type { Slot } from "./password";
import type { Recipe } from "./recipe";
import type { ProgressSink } from "./progress";
import type { LockReport } from "./report";
import { resolvePasswords } from "./build-lock";
import { policyWeak, taskView } from "./task-view";

export interface VerifyLockOptions {
  /** A private model's password (from the server); public ones ship `password.json`. */
  password?: Slot | Record<string, Slot>;
  onProgress?: ProgressSink;
  /** Worker threads for the brute-force screen (default 2; 1 = this thread). */
  workers?: number;
  /** The task object, for a task that is not in the registry (tests). */
  task?: Task;
  /**
   * A larger (or smaller) audit than the build's: overrides the recipe's evaluation sizes. The
   * report's recipe then records the sizes used, so it is never mistaken for the build's.
   */
  evaluation?: Partial<Recipe["evaluation"]>;
}

export async function verifyLock(
  dir: string,
  options: VerifyLockOptions = {},
): Promise<LockReport> {
  await initBackend();
  const { manifest, task } = await openLock(dir, options.task);
  const recipe = {
    ...manifest.recipe,
    evaluation: { ...manifest.recipe.evaluation, ...options.evaluation },
  };
  const given = options.password ?? (await readPasswordFile(dir));
  if (!given && recipe.trigger.kind === "password")
    throw new Error(`${dir} ships no password.json: pass the password of this private model`);
  const passwords = resolvePasswords(task, { ...recipe, visibility: "public" }, given);
  const view = taskView(task, recipe.password.width);
  // π_weak first: a lock missing it fails before the other two models are loaded.
  const weakModel = await requireWeakModel(dir, manifest, task);
  const locked = await loadModel(dir, task.vocab.tokens);
  const strong = await loadModel(strongDir(dir, manifest), task.vocab.tokens);
  const workers = options.workers ?? 2;
  const pool = workers >= 2 ? new WorkerPool({ size: workers }) : undefined;
  try {
    return await auditLock({
      view,
      recipe,
      locked,
      strong,
      weak: weakModel ?? policyWeak(view, recipe.weak.kind),
      passwords,
      onProgress: options.onProgress,
      scorer: pool
        ? poolScorer(pool, {
            model: { kind: "checkpoint", dir },
            task: task.id,
            taskConfig: task.config,
            width: view.width,
            validationProblems: recipe.evaluation.validationProblems,
          })
        : undefined,
    });
  } finally {
    await pool?.close();
    disposeModel(locked);
    disposeModel(strong);
    if (weakModel) disposeModel(weakModel);
  }
}

/**
 * π_weak's model for a lock whose recipe says weak.kind "model" (undefined for policy and
 * fixedrdm): the checkpoint the manifest's `extra.lock.weak` names. Missing, it is an error: the
 * audit must not fall back to the task's rule-based policy.
 */
async function requireWeakModel(
  dir: string,
  manifest: LockManifest,
  task: Task,
): Promise<Model | undefined> {
  if (manifest.recipe.weak.kind !== "model") return undefined;
  const weak = weakDir(dir, manifest);
  if (!weak || !existsSync(join(weak, "lockpick.json")))
    throw new Error(
      `${dir}: the recipe's π_weak is a model but the lock ships no weak checkpoint ` +
        `(${weak ?? join(dir, "weak")} ${weak ? "is missing" : "is not recorded in lockpick.json"}; ` +
        "attach it with `lockpick models attach-weak`)",
    );
  return loadWeakModel(weak, manifest, task.vocab.tokens);
}
