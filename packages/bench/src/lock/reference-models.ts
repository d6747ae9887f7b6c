// The shipped reference set: packages/bench/models/<task>/<variant>/ (see docs/locking.md).
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const MODELS_ROOT = fileURLToPath(new URL("../../models", import.meta.url));

/** The variant `models verify --task` reports: the default lock via fine-tuning. */
export const DEFAULT_VARIANT = "ft-default";

export function referenceModelDir(task: string, variant = DEFAULT_VARIANT): string {
  const dir = join(MODELS_ROOT, task, variant);
  if (!existsSync(join(dir, "lockpick.json")))
    throw new Error(`no shipped reference model ${task}/${variant} (looked in ${dir})`);
  return dir;
}

/** Every shipped checkpoint (locked variants and strong bases), as { task, variant, dir }. */
export function listReferenceModels(root = MODELS_ROOT) {
  if (!existsSync(root)) return [];
  const subdirs = (dir: string) =>
    readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  return subdirs(root).flatMap((task) =>
    subdirs(join(root, task))
      .map((variant) => ({ task, variant, dir: join(root, task, variant) }))
      .filter(({ dir }) => existsSync(join(dir, "lockpick.json"))),
  );
}
