// The models page: every published task with its published locked models. Public models carry
// their card and files; private ones only their commitments (checkpoint hash, salted-password
// hash). Query functions never select the password (see @lockpick/db/queries publicModelColumns).
import { getModel, getTaskInstance, listModels, listTaskInstances } from "@lockpick/db/queries";
import type { Db } from "~/server/db";
import { lockAcceptance } from "./lock-acceptance";

type ModelRow = Awaited<ReturnType<typeof listModels>>[number];

function card(m: ModelRow) {
  const base = {
    id: m.id,
    name: m.name,
    visibility: m.visibility,
    checkpointSha256: m.checkpointSha256,
    license: m.license,
    publishedAt: m.publishedAt,
    recipeName: typeof m.recipe.name === "string" ? m.recipe.name : null,
    // The verdict only (a private model's full report stays with the admins).
    acceptance: lockAcceptance(m.lockReport),
    acceptanceOverride: m.acceptanceOverride,
  };
  if (m.visibility === "private") {
    return {
      ...base,
      passwordCommitment: m.passwordCommitment,
      files: [],
      recipe: null,
      lockReport: null,
      bytes: null,
    };
  }
  return {
    ...base,
    passwordCommitment: null,
    files: m.files,
    recipe: m.recipe,
    lockReport: m.lockReport,
    bytes: m.checkpointBytes,
  };
}

export type ModelCard = ReturnType<typeof card>;

export async function listModelCatalog(db: Db) {
  const [tasks, models] = await Promise.all([
    listTaskInstances(db, { status: "published" }),
    listModels(db, { status: "published" }),
  ]);
  return tasks.map((t) => ({
    slug: t.slug,
    title: t.title,
    description: t.description,
    models: models.filter((m) => m.taskInstanceId === t.id).map(card),
  }));
}

/** A public, published model whose task is published: the only kind that can be downloaded. */
export async function getDownloadableModel(db: Db, id: string) {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const model = await getModel(db, id);
  if (!model || model.visibility !== "public" || model.status !== "published") return null;
  const task = await getTaskInstance(db, model.taskInstanceId);
  if (!task || task.status !== "published" || !model.checkpointLocation) return null;
  return { model, task };
}
