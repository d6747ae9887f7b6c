// Admin operations. Every function here is reached only through adminProcedure.
import {
  createTaskInstance,
  getTaskInstance,
  listModels,
  listRunners,
  listSubmissions,
  listTaskFamilies as listFamilyRows,
  listTaskInstances,
  listUsers,
  requeueRun,
  reviewTaskModels,
  runCounts,
  setSubmissionHidden,
  setSubmissionStatus,
  setTaskInstanceStatus,
  setUserRole,
  upsertTaskFamily,
} from "@lockpick/db/queries";
import { runs, submissions } from "@lockpick/db/schema";
import { getTaskFamily, hasTaskFamily, listTaskFamilies } from "@lockpick/tasks";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/server/db";
import { enqueue, queueDepths } from "~/server/queue";
import { invalidateLeaderboard } from "./leaderboard";

export class AdminInputError extends Error {}

/** The registered families with their default configuration (for the "add task" form). */
export async function familiesForForm(db: Db) {
  const rows = await listFamilyRows(db);
  const registry = listTaskFamilies();
  return registry.map((f) => ({
    id: f.id,
    title: f.title,
    description: f.description,
    version: f.version,
    defaultConfig: f.defaultConfig as Record<string, unknown>,
    mirrored: rows.some((r) => r.id === f.id),
  }));
}

export const createTaskInput = z.object({
  familyId: z.string().min(1),
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, "lowercase letters, digits and dashes"),
  title: z.string().trim().min(1).max(120),
  description: z.string().trim().max(4000).default(""),
  config: z.record(z.string(), z.unknown()),
});

/** Validates the config against the family, stores the instance and queues its lock build. */
export async function addTaskInstance(
  db: Db,
  userId: string,
  input: z.infer<typeof createTaskInput>,
) {
  if (!hasTaskFamily(input.familyId)) throw new AdminInputError(`Unknown family ${input.familyId}`);
  const family = getTaskFamily(input.familyId);
  const parsed = family.configSchema.safeParse(input.config);
  if (!parsed.success)
    throw new AdminInputError(`Invalid config: ${z.prettifyError(parsed.error)}`);
  if (await getTaskInstance(db, input.slug))
    throw new AdminInputError(`Slug ${input.slug} is taken`);
  await upsertTaskFamily(db, {
    id: family.id,
    title: family.title,
    description: family.description,
    version: family.version,
  });
  const task = await createTaskInstance(db, {
    slug: input.slug,
    familyId: family.id,
    title: input.title,
    description: input.description,
    config: parsed.data as Record<string, unknown>,
    status: "building",
    createdBy: userId,
  });
  await enqueue("build-locks", { taskInstanceId: task.id });
  return task;
}

export async function taskInstancesForAdmin(db: Db) {
  return listTaskInstances(db);
}

export async function taskBuildDetail(db: Db, idOrSlug: string) {
  const task = await getTaskInstance(db, idOrSlug);
  if (!task) return null;
  const models = await listModels(db, { taskInstanceId: task.id });
  return { task, models };
}

/** Publishes (or rejects) a task whose lock build is under review, with its models. */
export async function reviewTask(db: Db, taskId: string, decision: "published" | "rejected") {
  const task = await setTaskInstanceStatus(db, taskId, decision, "review");
  if (!task) throw new AdminInputError("Only a task under review can be published or rejected.");
  const models = await reviewTaskModels(db, taskId, decision);
  invalidateLeaderboard();
  return { task, models: models.length };
}

export function submissionsForAdmin(db: Db) {
  return listSubmissions(db, { includeHidden: true, limit: 200 });
}

export async function hideSubmission(db: Db, id: string, hidden: boolean) {
  await setSubmissionHidden(db, id, hidden);
  invalidateLeaderboard();
}

export async function deleteSubmission(db: Db, id: string) {
  await db.delete(submissions).where(eq(submissions.id, id));
  invalidateLeaderboard();
}

/** Re-runs every run of a submission that is finished (results are replaced when they land). */
export async function rerunSubmission(db: Db, id: string) {
  const rows = await db
    .select({ id: runs.id })
    .from(runs)
    .where(
      and(
        eq(runs.submissionId, id),
        inArray(runs.status, ["succeeded", "failed", "errored", "cancelled"]),
      ),
    );
  let requeued = 0;
  for (const r of rows) {
    await requeueRun(db, r.id);
    await enqueue("run", { runId: r.id });
    requeued += 1;
  }
  if (requeued > 0) await setSubmissionStatus(db, id, "queued");
  invalidateLeaderboard();
  return { requeued };
}

export const grantRoleInput = z.object({
  userId: z.string().min(1),
  role: z.enum(["researcher", "admin"]),
});

export async function grantRole(db: Db, input: z.infer<typeof grantRoleInput>) {
  const user = await setUserRole(db, input.userId, input.role);
  if (!user) throw new AdminInputError("No such user");
  return { id: user.id, role: user.role };
}

export async function usersForAdmin(db: Db) {
  const rows = await listUsers(db);
  return rows.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    createdAt: u.createdAt,
  }));
}

export async function runnerHealth(db: Db) {
  const [runners, counts, queues] = await Promise.all([
    listRunners(db),
    runCounts(db),
    queueDepths().catch((error: Error) => ({ error: error.message })),
  ]);
  return { runners, runs: counts, queues };
}
