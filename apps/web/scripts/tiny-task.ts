// A real, tiny locked model for the e2e suite, registered as a published task the way the
// platform registers any: checkpoint in the runner's local store, task instance and locked
// model rows through @lockpick/db's query functions. Built with the `lockpick lock` CLI (the
// web workspace never imports the locking pipeline) and cached across runs, ~1 minute once.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Database } from "@lockpick/db/client";
import { createTaskInstance, upsertLockedModel, upsertTaskFamily } from "@lockpick/db/queries";
import { localStore, manifestSha256 } from "@lockpick/runner/storage";
import { getTaskFamily } from "@lockpick/tasks";
import { childEnv } from "./env";
import { run } from "./processes";

const root = new URL("../../..", import.meta.url).pathname;
const cacheDir = join(root, "node_modules/.cache/lockpick-web-e2e");

// The "tiny" recipe cut down further: it barely learns, which is all the plumbing needs.
const recipe = {
  extends: "tiny",
  name: "web-e2e",
  strongBase: { maxSteps: 40, evalEvery: 20, devProblems: 16 },
  lock: { schedule: { steps: 40, batchSize: 16, warmupSteps: 0, cooldownSteps: 4 } },
  decoys: { random: 4 },
  evaluation: { validationProblems: 48, screenProblems: 8, rescoreTop: 1 },
};

async function buildTinyLock(): Promise<string> {
  const out = join(cacheDir, "tiny-lock");
  const recipeFile = join(cacheDir, "recipe.json");
  const wanted = JSON.stringify(recipe);
  if (existsSync(join(out, "lock-report.json")) && existsSync(recipeFile)) {
    if (readFileSync(recipeFile, "utf8") === wanted) return out;
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(recipeFile, wanted);
  console.log("e2e: building a tiny locked model (lockpick lock)…");
  const args = [
    "lockpick",
    "lock",
    "--task",
    "function-composition",
    "--recipe",
    recipeFile,
    "--out",
    out,
  ];
  // Exit 3 means the lock missed its quality bar; the model is still written, and fine here.
  await run("npx", args, { cwd: root, env: childEnv({}) }).catch((error: Error) => {
    if (!existsSync(join(out, "lock-report.json"))) throw error;
  });
  return out;
}

/** Registers the tiny lock as a published task with one private (leaderboard) model. */
export async function registerTinyTask(db: Database, home: string, slug = "e2e-tiny") {
  const dir = await buildTinyLock();
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
    title: "Tiny function composition (e2e)",
    description: "A seconds-long locked model used by the browser tests.",
    config: {},
    status: "published",
  });
  const store = localStore(join(home, "checkpoints"));
  const stored = await store.putDir(`${slug}/v1/private-1`, dir);
  const report = JSON.parse(readFileSync(join(dir, "lock-report.json"), "utf8")) as Record<
    string,
    unknown
  >;
  await upsertLockedModel(db, {
    taskInstanceId: task.id,
    name: "private-1",
    visibility: "private",
    status: "published",
    checkpointLocation: stored.location,
    checkpointSha256: manifestSha256(stored.files),
    checkpointBytes: stored.files.reduce((n, f) => n + f.bytes, 0),
    files: stored.files,
    lockReport: report,
  });
  return task;
}
