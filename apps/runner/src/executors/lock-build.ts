// Builds the locked models of a task instance with the locking pipeline's `buildTaskLocks`
// (@lockpick/bench/lock): one public and one private model from the named recipe the job chose.
// The private model's password comes from the OS's cryptographic randomness and is returned to
// the handler (which stores it in the database only); the pipeline never writes it to disk.
import { buildTaskLocks, type BuiltLock } from "@lockpick/bench/lock";
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

export type BuiltModel = BuiltLock;

export default async function lockBuild(
  request: LockBuildRequest,
  hooks: WorkerHooks,
): Promise<BuiltModel[]> {
  const { familyId, config, workDir, recipe } = request;
  return buildTaskLocks({ familyId, config, workDir, recipe }, hooks);
}
