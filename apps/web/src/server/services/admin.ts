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
  mirrorTaskFamily,
  requeueRun,
  reviewTaskModels,
  runCounts,
  setAcceptanceOverride,
  setSubmissionHidden,
  setSubmissionStatus,
  setTaskInstanceStatus,
  setUserRole,
} from "@lockpick/db/queries";
import { runs, submissions } from "@lockpick/db/schema";
import { getTaskFamily, hasTaskFamily, listTaskFamilies } from "@lockpick/tasks";
import { lockRecipeName } from "@lockpick/runner/lock-recipes";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/server/db";
import { enqueue, queueDepths } from "~/server/queue";
import { lockAcceptance } from "./catalog/lock-acceptance";
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
  /** The lock recipe the build uses (recorded in each model's recipe). */
  recipe: lockRecipeName.default("ft-default"),
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
  await mirrorTaskFamily(db, family);
  const task = await createTaskInstance(db, {
    slug: input.slug,
    familyId: family.id,
    title: input.title,
    description: input.description,
    config: parsed.data as Record<string, unknown>,
    status: "building",
    createdBy: userId,
  });
  await enqueue("build-locks", { taskInstanceId: task.id, recipe: input.recipe });
  return task;
}

export async function taskInstancesForAdmin(db: Db) {
  return listTaskInstances(db);
}

export async function taskBuildDetail(db: Db, idOrSlug: string) {
  const task = await getTaskInstance(db, idOrSlug);
  if (!task) return null;
  const models = await listModels(db, { taskInstanceId: task.id });
  return {
    task,
    models: models.map((m) => ({ ...m, acceptance: lockAcceptance(m.lockReport) })),
  };
}

export const reviewTaskInput = z.object({
  id: z.uuid(),
  decision: z.enum(["published", "rejected"]),
  /** Required to publish a model whose lock report failed its acceptance checks; recorded. */
  overrideReason: z.string().trim().min(10).max(1000).optional(),
});

/** Publishes (or rejects) a task whose lock build is under review, with its models. */
export async function reviewTask(
  db: Db,
  admin: { id: string; name?: string | null },
  input: z.infer<typeof reviewTaskInput>,
) {
  const current = await getTaskInstance(db, input.id);
  if (current?.status !== "review") {
    throw new AdminInputError("Only a task under review can be published or rejected.");
  }
  const inReview = (await listModels(db, { taskInstanceId: input.id, status: "review" })).map(
    (m) => ({ ...m, acceptance: lockAcceptance(m.lockReport) }),
  );
  const failed = inReview.filter((m) => !m.acceptance.accepted);
  if (input.decision === "published" && failed.length > 0 && !input.overrideReason) {
    throw new AdminInputError(
      `Not published: ${failed
        .map(
          (m) => `${m.name} failed its lock acceptance checks (${m.acceptance.reasons.join("; ")})`,
        )
        .join(
          "; ",
        )}. Reject the task, or publish over the failed checks with a reason (it is recorded and shown with the model).`,
    );
  }
  const task = await setTaskInstanceStatus(db, input.id, input.decision, "review");
  if (!task) throw new AdminInputError("Only a task under review can be published or rejected.");
  if (input.decision === "published" && input.overrideReason) {
    const at = new Date().toISOString();
    for (const m of failed) {
      await setAcceptanceOverride(db, m.id, {
        by: admin.id,
        byName: admin.name ?? null,
        at,
        reason: input.overrideReason,
        failedChecks: m.acceptance.reasons,
      });
    }
  }
  const models = await reviewTaskModels(db, input.id, input.decision);
  invalidateLeaderboard();
  return {
    task,
    models: models.length,
    overridden: input.decision === "published" ? failed.length : 0,
  };
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
