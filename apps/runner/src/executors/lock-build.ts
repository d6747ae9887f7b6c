// Builds the locked models of a task instance with the locking pipeline (@lockpick/bench/lock).
import type { WorkerHooks } from "../worker/protocol";

export type LockBuildRequest = {
  taskInstanceId: string;
  slug: string;
  familyId: string;
  config: Record<string, unknown>;
  version: number;
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

type LockModule = {
  buildTaskLocks?: (request: LockBuildRequest, hooks: WorkerHooks) => Promise<BuiltModel[]>;
};

export default async function lockBuild(
  request: LockBuildRequest,
  hooks: WorkerHooks,
): Promise<BuiltModel[]> {
  const lock = (await import("@lockpick/bench/lock")) as LockModule;
  if (typeof lock.buildTaskLocks !== "function") {
    throw new Error(
      "the locking pipeline (@lockpick/bench/lock buildTaskLocks) is not available yet",
    );
  }
  return lock.buildTaskLocks(request, hooks);
}
