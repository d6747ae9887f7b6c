// The `build-locks` job: train a task instance's locked models in a worker process, store the
// checkpoints, and leave them (and the task) in review for an admin.
import { createHash, randomBytes } from "node:crypto";
import { join } from "node:path";
import { getTaskInstance, setTaskBuildState, upsertLockedModel } from "@lockpick/db";
import type { BuildProgress } from "@lockpick/db/schema";
import type { JobHandler } from "../queue/define-job";
import type { BuiltModel, LockBuildRequest } from "../executors/lock-build";
import { manifestSha256 } from "../storage/checkpoint-store";
import { runInWorker } from "../worker/run-in-worker";
import type { BuildLocksJob } from "./build-locks";

const handler: JobHandler<BuildLocksJob> = async ({ taskInstanceId, recipe }, job, services) => {
  const { db, env, storage, shutdown } = services;
  const task = await getTaskInstance(db, taskInstanceId);
  if (!task || task.status === "published" || task.status === "archived") return;
  const state: BuildProgress = { phase: "starting", percent: 0, log: [] };
  await setTaskBuildState(db, task.id, { status: "building", progress: state, error: null });
  let dirty = false;
  const timer = setInterval(() => {
    if (!dirty) return;
    dirty = false;
    setTaskBuildState(db, task.id, { progress: state }).catch(() => {});
  }, 1000);
  const request: LockBuildRequest = {
    taskInstanceId: task.id,
    slug: task.slug,
    familyId: task.familyId,
    config: task.config,
    version: task.version,
    recipe: recipe ?? env.LOCKPICK_LOCK_RECIPE,
    workDir: join(env.home, "builds", task.slug),
  };
  const outcome = await runInWorker(
    { kind: "build-locks", executor: "harness", input: request },
    {
      timeoutMs: env.LOCKPICK_BUILD_TIMEOUT_SECONDS * 1000,
      signal: AbortSignal.any([job.signal, shutdown]),
      onProgress: (p) => {
        Object.assign(state, p);
        dirty = true;
      },
      onLog: (line) => {
        state.log = [...(state.log ?? []), line].slice(-200);
        dirty = true;
      },
    },
  );
  clearInterval(timer);
  if (outcome.status !== "done") {
    const reason =
      outcome.status === "error" || outcome.status === "crash" ? outcome.message : outcome.status;
    // Back to draft with the reason; the job is retried (the pipeline resumes from its stages).
    await setTaskBuildState(db, task.id, { status: "draft", progress: state, error: reason });
    throw new Error(`build-locks ${task.slug}: ${reason}`);
  }
  for (const model of outcome.output as BuiltModel[]) {
    const stored = await storage.putDir(
      `${task.slug}/v${task.version}/${model.name}`,
      model.checkpointDir,
    );
    const salt = randomBytes(16).toString("hex");
    await upsertLockedModel(db, {
      taskInstanceId: task.id,
      name: model.name,
      visibility: model.visibility,
      status: "review",
      checkpointLocation: stored.location,
      checkpointSha256: manifestSha256(stored.files),
      checkpointBytes: stored.files.reduce((n, f) => n + f.bytes, 0),
      files: stored.files,
      recipe: model.recipe,
      lockReport: model.lockReport,
      password: model.password,
      passwordSalt: salt,
      passwordCommitment: createHash("sha256")
        .update(salt + model.password)
        .digest("hex"),
    });
  }
  await setTaskBuildState(db, task.id, {
    status: "review",
    progress: { ...state, phase: "review", percent: 100, etaSeconds: 0 },
  });
};

export default handler;
