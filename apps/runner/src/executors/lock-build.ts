// Builds the locked models of a task instance with the locking pipeline (@lockpick/bench/lock):
// one public and one private model from the named recipe the job chose. The private model's
// password comes from the OS's cryptographic randomness and is returned to the handler (which
// stores it in the database only); the pipeline never writes it into the checkpoint directory.
import { join } from "node:path";
import {
  buildLock,
  generateSecretPassword,
  namedRecipe,
  passwordAlphabet,
  slotKey,
  type Slot,
} from "@lockpick/bench/lock";
import { createTask } from "@lockpick/tasks";
import type { LockRecipeName } from "../jobs/build-locks";
import type { WorkerHooks } from "../worker/protocol";

export type LockBuildRequest = {
  taskInstanceId: string;
  slug: string;
  familyId: string;
  config: Record<string, unknown>;
  version: number;
  recipe: LockRecipeName;
  /** Where the pipeline writes (and resumes) its stages and checkpoints. */
  workDir: string;
};

export type BuiltModel = {
  name: string;
  visibility: "public" | "private";
  checkpointDir: string;
  recipe: Record<string, unknown>;
  lockReport: Record<string, unknown>;
  password: string;
};

/** Slot tokens joined by spaces; per-domain passwords as JSON `{ domain: "p1 p2 …" }`. */
const encodePasswords = (passwords: Record<string, Slot>): string => {
  const keys = Object.keys(passwords);
  if (keys.length === 1 && keys[0] === "*") return slotKey(passwords["*"] as Slot);
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k, slotKey(passwords[k] as Slot)])));
};

export default async function lockBuild(
  request: LockBuildRequest,
  hooks: WorkerHooks,
): Promise<BuiltModel[]> {
  const task = createTask(request.familyId, request.config);
  const base = namedRecipe(request.recipe);
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
  const out: BuiltModel[] = [];
  for (const [i, plan] of plans.entries()) {
    const started = Date.now();
    hooks.log(`building ${plan.name} with recipe ${plan.recipe.name} (${plan.recipe.visibility})`);
    const result = await buildLock(
      request.familyId,
      plan.recipe,
      join(request.workDir, plan.name),
      {
        taskConfig: request.config,
        password: plan.password,
        stagesDir: join(request.workDir, "stages"),
        onProgress: (e) => {
          const part = Math.min(1, e.done / Math.max(1, e.total));
          hooks.progress({
            phase: `${plan.name}: ${e.stage}`,
            percent: Math.round((100 * (i + part)) / plans.length),
            etaSeconds: null,
          });
        },
      },
    );
    const { acceptance } = result.report;
    hooks.log(
      `${plan.name}: ${acceptance.accepted ? "accepted" : "NOT accepted"} after ${Math.round((Date.now() - started) / 1000)} s`,
    );
    for (const reason of acceptance.reasons) hooks.log(`${plan.name}: ${reason}`, "warn");
    out.push({
      name: plan.name,
      visibility: plan.recipe.visibility,
      checkpointDir: join(request.workDir, plan.name),
      recipe: plan.recipe as unknown as Record<string, unknown>,
      lockReport: result.report as unknown as Record<string, unknown>,
      password: encodePasswords(result.passwords),
    });
  }
  return out;
}
