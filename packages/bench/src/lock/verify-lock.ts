// `verifyLock`: re-evaluates a locked model directory from scratch (no trust in its stored
// report) and returns a fresh lock report.
import { createTask } from "@lockpick/tasks";
import { disposeModel, initBackend } from "../engine";
import { auditLock } from "./audit-lock";
import {
  loadLockedWeights,
  loadStrongWeights,
  readLockManifest,
  readPasswordFile,
} from "./locked-model";
import type { Slot } from "./password";
import type { ProgressSink } from "./progress";
import type { LockReport } from "./report";
import { resolvePasswords } from "./build-lock";
import { taskView } from "./task-view";

export interface VerifyLockOptions {
  /** A private model's password (from the server); public ones ship `password.json`. */
  password?: Slot | Record<string, Slot>;
  onProgress?: ProgressSink;
}

export async function verifyLock(
  dir: string,
  options: VerifyLockOptions = {},
): Promise<LockReport> {
  await initBackend();
  const manifest = await readLockManifest(dir);
  const task = createTask(manifest.task, manifest.taskConfig);
  if (task.version.split("-")[0] !== manifest.taskVersion.split("-")[0])
    throw new Error(
      `${dir} was locked on ${manifest.task} ${manifest.taskVersion}; this task is ${task.version} (not comparable)`,
    );
  const { recipe } = manifest;
  const given = options.password ?? (await readPasswordFile(dir));
  if (!given && recipe.trigger.kind === "password")
    throw new Error(`${dir} ships no password.json: pass the password of this private model`);
  const passwords = resolvePasswords(task, { ...recipe, visibility: "public" }, given);
  const view = taskView(task, recipe.password.width);
  const locked = await loadLockedWeights(dir);
  const strong = await loadStrongWeights(dir, manifest);
  try {
    return await auditLock({
      view,
      recipe,
      locked,
      strong,
      weak: (p) => (recipe.weak.kind === "fixedrdm" ? view.fixedrdm(p) : view.weak(p)),
      passwords,
      onProgress: options.onProgress,
    });
  } finally {
    disposeModel(locked);
    disposeModel(strong);
  }
}
