// The one published task the e2e researcher flow's runs execute on, registered through
// @lockpick/db's query functions like any task.
//
// Why its runs use the runner's synthetic executor (LOCKPICK_RUN_EXECUTOR=synthetic) rather
// than the harness: a locked model small enough to build inside the suite (the "tiny" recipe,
// ~1 min) learns nothing, so its floor equals its ceiling and no run on it can be scored. The
// plugin's real execution in the sandbox is covered by the harness's own end-to-end tests; this
// suite covers the platform around it (submit, type-check, queue, runner, progress, results,
// leaderboard). With a shipped reference model the runner can use the harness here instead.
import type { Database } from "@lockpick/db/client";
import { createTaskInstance, upsertLockedModel, upsertTaskFamily } from "@lockpick/db/queries";
import { getTaskFamily } from "@lockpick/tasks";

export async function registerE2eTask(db: Database, slug = "e2e-runs") {
  const family = getTaskFamily("function-composition");
  await upsertTaskFamily(db, {
    id: family.id,
    title: family.title,
    description: family.description,
    version: family.version,
  });
  const task = await createTaskInstance(db, {
    slug,
    familyId: family.id,
    title: "Function composition (e2e runs)",
    description: "The task the browser tests' submissions are evaluated on.",
    config: {},
    status: "published",
  });
  await upsertLockedModel(db, {
    taskInstanceId: task.id,
    name: "private-1",
    visibility: "private",
    status: "published",
  });
  return task;
}
