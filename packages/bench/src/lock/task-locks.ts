// The runner's `build-locks` entry: one public and one private locked model for a task
// instance, built with the default fine-tuning recipe. The private model's password comes from
// the OS's cryptographic randomness and is returned to the caller (the server stores it); it is
// never written into the checkpoint directory.
import { join } from "node:path";
import { createTask } from "@lockpick/tasks";
import { buildLock } from "./build-lock";
import { generateSecretPassword, passwordAlphabet, slotKey, type Slot } from "./password";
import type { ProgressEvent } from "./progress";
import { namedRecipe } from "./recipes";

export interface TaskLocksRequest {
  familyId: string;
  config: Record<string, unknown>;
  /** Where stages (resumable) and checkpoints go. */
  workDir: string;
  /** A named recipe (`recipeNames`); the default fine-tuning lock when omitted. */
  recipe?: string;
}

export interface TaskLocksHooks {
  progress(p: { phase?: string; percent?: number; etaSeconds?: number | null }): void;
  log(line: string, level?: "info" | "warn" | "error"): void;
}

export interface BuiltLock {
  name: string;
  visibility: "public" | "private";
  checkpointDir: string;
  recipe: Record<string, unknown>;
  lockReport: Record<string, unknown>;
  /** Slot tokens joined by spaces; per-domain passwords as JSON `{ domain: "p1 p2 …" }`. */
  password: string;
}

const encodePasswords = (passwords: Record<string, Slot>): string => {
  const keys = Object.keys(passwords);
  if (keys.length === 1 && keys[0] === "*") return slotKey(passwords["*"] as Slot);
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k, slotKey(passwords[k] as Slot)])));
};

export async function buildTaskLocks(
  request: TaskLocksRequest,
  hooks: TaskLocksHooks,
): Promise<BuiltLock[]> {
  const task = createTask(request.familyId, request.config);
  const base = namedRecipe(request.recipe ?? "ft-default");
  const plans = [
    { name: "public-1", recipe: base, password: undefined },
    {
      name: "private-1",
      recipe: { ...base, visibility: "private" as const },
      password: generateSecretPassword(
        passwordAlphabet(task.vocab.tokens, base.password.alphabet),
        base.password.width,
      ),
    },
  ];
  const out: BuiltLock[] = [];
  for (const [i, plan] of plans.entries()) {
    const onProgress = (e: ProgressEvent) =>
      hooks.progress({
        phase: `${plan.name}: ${e.stage}`,
        percent: Math.round(
          (100 * (i + Math.min(1, e.done / Math.max(1, e.total)))) / plans.length,
        ),
        etaSeconds: null,
      });
    const outDir = join(request.workDir, plan.name);
    hooks.log(`building ${plan.name} with recipe ${plan.recipe.name} (${plan.recipe.visibility})`);
    const started = Date.now();
    const result = await buildLock(request.familyId, plan.recipe, outDir, {
      taskConfig: request.config,
      password: plan.password,
      stagesDir: join(request.workDir, "stages"),
      onProgress,
    });
    const { acceptance } = result.report;
    const seconds = Math.round((Date.now() - started) / 1000);
    hooks.log(
      `${plan.name}: ${acceptance.accepted ? "accepted" : "NOT accepted"} after ${seconds} s`,
    );
    for (const reason of acceptance.reasons) hooks.log(`${plan.name}: ${reason}`, "warn");
    out.push({
      name: plan.name,
      visibility: plan.recipe.visibility,
      checkpointDir: outDir,
      recipe: plan.recipe as unknown as Record<string, unknown>,
      lockReport: result.report as unknown as Record<string, unknown>,
      password: encodePasswords(result.passwords),
    });
  }
  return out;
}
