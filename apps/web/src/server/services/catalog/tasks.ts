// Task pages: published task instances with what their family says about them, and a few
// example problems (prompt and the strong policy's answer) from the weak-policy split.
import { listModels, listTaskInstances, getTaskInstance } from "@lockpick/db/queries";
import { getTaskFamily, hasTaskFamily, SPLIT_PERCENT } from "@lockpick/tasks";
import type { Db } from "~/server/db";

export type TaskSummary = Awaited<ReturnType<typeof listPublishedTasks>>[number];

export async function listPublishedTasks(db: Db) {
  const rows = await listTaskInstances(db, { status: "published" });
  return rows.map((t) => {
    const family = hasTaskFamily(t.familyId) ? getTaskFamily(t.familyId) : null;
    return {
      slug: t.slug,
      title: t.title,
      familyId: t.familyId,
      description: t.description || family?.description || "",
      domains: family ? [...family.domains] : [],
      version: t.version,
    };
  });
}

export async function getTaskDetail(db: Db, slug: string) {
  const task = await getTaskInstance(db, slug);
  if (!task || task.status !== "published") return null;
  const models = await listModels(db, { taskInstanceId: task.id, status: "published" });
  let family: {
    title: string;
    description: string;
    evaluatorDescription: string;
    domains: string[];
    version: string;
    examples: { id: string; domain: string; prompt: string; answer: string }[];
    config: Record<string, unknown>;
  } | null = null;
  if (hasTaskFamily(task.familyId)) {
    const built = getTaskFamily(task.familyId).create(task.config);
    family = {
      title: built.title,
      description: built.description,
      evaluatorDescription: built.evaluatorDescription,
      domains: [...built.domains],
      version: built.version,
      config: { ...built.config },
      examples: built.sample("weak", 3, 0).map((p) => ({
        id: p.id,
        domain: p.domain,
        prompt: p.prompt,
        answer: built.policies.strong(p),
      })),
    };
  }
  return {
    task: {
      slug: task.slug,
      title: task.title,
      description: task.description,
      familyId: task.familyId,
      version: task.version,
    },
    family,
    splits: { ...SPLIT_PERCENT },
    models: models.map((m) => ({ id: m.id, name: m.name, visibility: m.visibility })),
  };
}
