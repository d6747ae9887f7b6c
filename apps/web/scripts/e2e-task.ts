// The one published task the e2e researcher flow's runs execute on, registered through
// @lockpick/db's query functions like any task. Its one locked model is the shipped
// function-composition reference lock (2 layers, d 128, 1.7 MB; packages/bench/models), put in the
// suite's checkpoint store, so the suite's runner executes submissions through the real
// harness and sandbox: a run at the smallest budgets takes seconds.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "@lockpick/db/client";
import { createTaskInstance, mirrorTaskFamily, upsertLockedModel } from "@lockpick/db/queries";
import {
  createStore,
  manifestSha256,
  storageEnvShape,
  type CheckpointStore,
} from "@lockpick/runner/storage";
import { getTaskFamily } from "@lockpick/tasks";
import { z } from "zod";

const shippedLock = fileURLToPath(
  new URL("../../../packages/bench/models/function-composition/ft-default", import.meta.url),
);

/** The checkpoint store the suite's runner uses (its LOCKPICK_STORAGE / S3_* settings). */
export function e2eStore(settings: Record<string, string>, home: string): CheckpointStore {
  const parsed = z.object(storageEnvShape).parse(settings);
  return createStore({ ...parsed, storageDir: join(home, "checkpoints"), home });
}

export async function registerE2eTask(db: Database, store: CheckpointStore, slug = "e2e-runs") {
  const family = getTaskFamily("function-composition");
  await mirrorTaskFamily(db, family);
  const task = await createTaskInstance(db, {
    slug,
    familyId: family.id,
    title: "Function composition (e2e runs)",
    description: "The task the browser tests' submissions are evaluated on.",
    config: {},
    status: "published",
  });
  const stored = await store.putDir(`e2e/${slug}`, shippedLock);
  const read = (file: string) =>
    JSON.parse(readFileSync(join(shippedLock, file), "utf8")) as Record<string, unknown>;
  await upsertLockedModel(db, {
    taskInstanceId: task.id,
    name: "private-1",
    visibility: "private",
    status: "published",
    checkpointLocation: stored.location,
    checkpointSha256: manifestSha256(stored.files),
    checkpointBytes: stored.files.reduce((s, f) => s + f.bytes, 0),
    files: stored.files,
    recipe: (read("lockpick.json").recipe as Record<string, unknown>) ?? {},
    lockReport: read("lock-report.json"),
  });
  return task;
}
