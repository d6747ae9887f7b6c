// `npm start` registration: the task registry's families (one default instance each), the
// reference locked models shipped in packages/bench/models (each under the instance of the task
// config its checkpoint was built on), and the built-in methods (queued once, when there are
// published models to run them on). Every step is idempotent and a failing step is reported,
// never fatal: a fresh clone must start.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  ensureBuiltinSubmission,
  ensureLockedModel,
  ensureTaskInstance,
  evaluationModels,
  getTaskInstance,
  mirrorTaskFamily,
  setTaskInstanceStatus,
  type DbHandle,
} from "@lockpick/db";
import type { JobClient } from "@lockpick/runner/client";
import { manifestSha256, storeFromEnv } from "@lockpick/runner/storage";
import {
  configInstance,
  getTaskFamily,
  hasTaskFamily,
  listTaskFamilies,
  sameTaskConfig,
  versionMismatch,
} from "@lockpick/tasks";
import { z } from "zod";

const shippedModelsRoot = fileURLToPath(new URL("../../packages/bench/models", import.meta.url));

export type RegisterOptions = {
  home: string;
  log: (line: string) => void;
  /** Where the shipped locks are (default packages/bench/models; tests use a copy). */
  modelsRoot?: string;
};

export async function registerTasks({ db }: DbHandle) {
  let n = 0;
  for (const family of listTaskFamilies()) {
    await mirrorTaskFamily(db, family);
    await ensureTaskInstance(db, {
      slug: family.id,
      familyId: family.id,
      title: family.title,
      description: family.description,
      config: family.defaultConfig as Record<string, unknown>,
      builtin: true,
      status: "draft",
    });
    n++;
  }
  return n;
}

const readJson = (path: string) =>
  existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>) : null;

type StoredAcceptance = { accepted?: boolean; reasons?: string[] } | undefined;

/**
 * A shipped lock that failed its acceptance checks is still published (leaky locks are what the
 * lock-difficulty comparison is about), but with the same visible override record an admin
 * must leave when publishing such a model.
 */
function shippedOverride(lockReport: Record<string, unknown>) {
  const acceptance = lockReport.acceptance as StoredAcceptance;
  if (!acceptance || acceptance.accepted !== false) return undefined;
  return {
    by: "system",
    byName: "shipped reference set",
    at: new Date().toISOString(),
    reason: "Shipped reference lock published despite failed checks; see docs/tasks.md.",
    failedChecks: acceptance.reasons ?? [],
  };
}

/** The part of a locked model's lockpick.json registration reads. */
const lockedMetaSchema = z.object({
  task: z.object({ version: z.string() }),
  extra: z
    .object({
      lock: z.object({ taskConfig: z.record(z.string(), z.unknown()).optional() }).optional(),
      taskConfig: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});

/**
 * The task instance a shipped lock of `familyId` belongs to: the one of the task config its
 * checkpoint was built on (none recorded: an older checkpoint, built on the default config).
 * The default config's is the family's own instance (registered by `registerTasks`); another
 * config gets its own built-in instance, named after what differs (`configInstance`). A lock
 * of another N than the family's belongs to none (its results would not be comparable).
 */
async function lockInstance(
  { db }: DbHandle,
  familyId: string,
  meta: z.infer<typeof lockedMetaSchema>,
) {
  const family = getTaskFamily(familyId);
  const mismatch = versionMismatch(family.id, meta.task.version, family.version);
  if (mismatch) throw new Error(mismatch);
  const built = configInstance(family, meta.extra?.lock?.taskConfig ?? meta.extra?.taskConfig);
  const task = built.isDefault
    ? await getTaskInstance(db, family.id)
    : await ensureTaskInstance(db, {
        slug: built.slug,
        familyId: family.id,
        title: built.title,
        description: family.description,
        config: built.config,
        builtin: true,
        status: "draft",
      });
  if (task && (task.familyId !== family.id || !sameTaskConfig(family, task.config, built.config)))
    throw new Error(`task instance ${task.slug} exists with another family or config`);
  return task;
}

/**
 * <modelsRoot>/<task>/<variant>/ with a lock report → a published public locked model of the
 * <task> instance of its checkpoint's task config (variants without a lock report, such as the
 * strong base model, are not locked models).
 */
export async function registerReferenceModels(handle: DbHandle, options: RegisterOptions) {
  const { db } = handle;
  const modelsRoot = options.modelsRoot ?? shippedModelsRoot;
  if (!existsSync(modelsRoot)) return 0;
  // The store the runners and the web use (LOCKPICK_STORAGE: local directory or S3).
  const store = storeFromEnv(process.env, options.home);
  // The lock-gap rule the reproduction applies too (loaded lazily, like the methods below).
  const { shippedLockSkipReason } = await import("@lockpick/bench/lock");
  let n = 0;
  for (const taskDir of readdirSync(modelsRoot, { withFileTypes: true })) {
    if (!taskDir.isDirectory() || !hasTaskFamily(taskDir.name)) continue;
    for (const variant of readdirSync(join(modelsRoot, taskDir.name), { withFileTypes: true })) {
      const dir = join(modelsRoot, taskDir.name, variant.name);
      const meta = readJson(join(dir, "lockpick.json"));
      const lockReport = readJson(join(dir, "lock-report.json"));
      if (!variant.isDirectory() || !meta || !lockReport) continue;
      const skip = shippedLockSkipReason(lockReport);
      if (skip) {
        options.log(`${taskDir.name}/${variant.name}: not registered (${skip})`);
        continue;
      }
      let task;
      try {
        task = await lockInstance(handle, taskDir.name, lockedMetaSchema.parse(meta));
      } catch (error) {
        options.log(
          `${taskDir.name}/${variant.name}: not registered (${(error as Error).message})`,
        );
        continue;
      }
      if (!task) continue;
      const key = `shipped/${taskDir.name}/${variant.name}`;
      const stored = await store.putDir(key, dir);
      await ensureLockedModel(db, {
        taskInstanceId: task.id,
        name: variant.name,
        visibility: "public",
        status: "published",
        shipped: true,
        checkpointLocation: stored.location,
        checkpointSha256: manifestSha256(stored.files),
        checkpointBytes: stored.files.reduce((s, f) => s + f.bytes, 0),
        files: stored.files,
        recipe: (meta.recipe as Record<string, unknown>) ?? meta,
        lockReport,
        acceptanceOverride: shippedOverride(lockReport),
      });
      if (task.status === "draft") await setTaskInstanceStatus(db, task.id, "published");
      n++;
    }
  }
  return n;
}

/** The track a built-in method declares (`track: "…"` in its defineMethod call). */
const trackOf = (source: string) =>
  /track:\s*(?:\[\s*)?"([a-z-]+)"/.exec(source)?.[1] ?? "demonstrations";

async function queueBuiltinMethods({ db }: DbHandle, jobs: JobClient) {
  if ((await evaluationModels(db)).length === 0) return 0;
  const methods = await import("@lockpick/bench/methods");
  const harness = await import("@lockpick/bench/harness");
  let n = 0;
  for (const id of methods.BUILTIN_METHODS) {
    const source = await methods.builtinSource(id);
    const bundle = await harness.bundlePlugin(source);
    const { submission, created } = await ensureBuiltinSubmission(db, {
      name: id,
      description: `Built-in baseline: ${id}`,
      track: trackOf(source) as "demonstrations",
      source,
      bundle: bundle.code,
      bundleSha256: bundle.sha256,
      bundleSourceMap: bundle.sourceMap ?? null,
    });
    if (created) {
      await jobs.enqueue({ name: "evaluate-submission", payload: { submissionId: submission.id } });
      n++;
    }
  }
  return n;
}

export async function registerBuiltins(
  handle: DbHandle,
  jobs: JobClient,
  options: RegisterOptions,
) {
  const out = { tasks: 0, models: 0, queued: 0 };
  const step = async (name: string, fn: () => Promise<number>) => {
    try {
      return await fn();
    } catch (error) {
      options.log(`${name}: skipped (${(error as Error).message})`);
      return 0;
    }
  };
  out.tasks = await step("tasks", () => registerTasks(handle));
  out.models = await step("reference models", () => registerReferenceModels(handle, options));
  out.queued = await step("built-in methods", () => queueBuiltinMethods(handle, jobs));
  return out;
}
