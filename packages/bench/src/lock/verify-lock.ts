// `verifyLock`: re-evaluates a locked model directory from scratch (no trust in its stored
// report) and returns a fresh lock report.
import { createTask, versionMismatch, type Task } from "@lockpick/tasks";
import { disposeModel, initBackend, WorkerPool } from "../engine";
import { poolScorer } from "./pool-scorer";
import { auditLock } from "./audit-lock";
import { loadModel, readLockManifest, readPasswordFile, strongDir } from "./locked-model";
import type { Slot } from "./password";
import type { ProgressSink } from "./progress";
import type { LockReport } from "./report";
import { resolvePasswords } from "./build-lock";
import { taskView } from "./task-view";

export interface VerifyLockOptions {
  /** A private model's password (from the server); public ones ship `password.json`. */
  password?: Slot | Record<string, Slot>;
  onProgress?: ProgressSink;
  /** Worker threads for the brute-force screen (default 2; 1 = this thread). */
  workers?: number;
  /** The task object, for a task that is not in the registry (tests). */
  task?: Task;
}

export async function verifyLock(
  dir: string,
  options: VerifyLockOptions = {},
): Promise<LockReport> {
  await initBackend();
  const manifest = await readLockManifest(dir);
  const task = options.task ?? createTask(manifest.task, manifest.taskConfig);
  const mismatch = versionMismatch(manifest.task, manifest.taskVersion, task.version);
  if (mismatch) throw new Error(`${dir} was ${mismatch}`);
  const { recipe } = manifest;
  const given = options.password ?? (await readPasswordFile(dir));
  if (!given && recipe.trigger.kind === "password")
    throw new Error(`${dir} ships no password.json: pass the password of this private model`);
  const passwords = resolvePasswords(task, { ...recipe, visibility: "public" }, given);
  const view = taskView(task, recipe.password.width);
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
      weak: (p) => (recipe.weak.kind === "fixedrdm" ? view.fixedrdm(p) : view.weak(p)),
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
  }
}
