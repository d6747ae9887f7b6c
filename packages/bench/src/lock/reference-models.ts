// The shipped reference set: packages/bench/models/<task>/<variant>/ (see docs/locking.md).
import { existsSync } from "node:fs";
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
