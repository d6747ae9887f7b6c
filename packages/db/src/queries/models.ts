import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { getTableColumns } from "drizzle-orm";
import type { Database } from "../client";
import {
  lockedModels,
  taskInstances,
  type AcceptanceOverride,
  type ModelStatus,
} from "../schema/index";
import type { NewLockedModel } from "../validators";

// Everything except the secret: what clients and plugins may ever see.
const {
  password: _password,
  passwordSalt: _salt,
  ...publicColumns
} = getTableColumns(lockedModels);
export const publicModelColumns = publicColumns;

/** Creates or replaces a model by (task instance, name); used by the locking pipeline. */
export async function upsertLockedModel(db: Database, input: NewLockedModel) {
  const { id: _id, createdAt: _c, ...set } = input;
  const [row] = await db
    .insert(lockedModels)
    .values(input)
    .onConflictDoUpdate({ target: [lockedModels.taskInstanceId, lockedModels.name], set })
    .returning(publicModelColumns);
  return row!;
}

/** Shipped reference models: inserted once, never overwritten by a later start. */
export async function ensureLockedModel(db: Database, input: NewLockedModel) {
  await db.insert(lockedModels).values(input).onConflictDoNothing();
  const [row] = await db
    .select(publicModelColumns)
    .from(lockedModels)
    .where(
      and(eq(lockedModels.taskInstanceId, input.taskInstanceId), eq(lockedModels.name, input.name)),
    );
  return row!;
}

/** Models with their task, without passwords. */
export function listModels(
  db: Database,
  filter: { taskInstanceId?: string; status?: ModelStatus } = {},
) {
  return db
    .select({ ...publicModelColumns, taskSlug: taskInstances.slug, taskTitle: taskInstances.title })
    .from(lockedModels)
    .innerJoin(taskInstances, eq(taskInstances.id, lockedModels.taskInstanceId))
    .where(
      and(
        filter.taskInstanceId ? eq(lockedModels.taskInstanceId, filter.taskInstanceId) : undefined,
        filter.status ? eq(lockedModels.status, filter.status) : undefined,
      ),
    )
    .orderBy(asc(taskInstances.slug), asc(lockedModels.name));
}

export async function getModel(db: Database, id: string) {
  const [row] = await db
    .select(publicModelColumns)
    .from(lockedModels)
    .where(eq(lockedModels.id, id));
  return row ?? null;
}

/** Runner only: the model with its password, for scoring the ceiling. Never send to a client. */
export async function getModelWithSecret(db: Database, id: string) {
  const [row] = await db.select().from(lockedModels).where(eq(lockedModels.id, id));
  return row ?? null;
}

export async function setModelStatus(db: Database, id: string, status: ModelStatus) {
  const [row] = await db
    .update(lockedModels)
    .set({ status, publishedAt: status === "published" ? sql`now()` : null })
    .where(eq(lockedModels.id, id))
    .returning(publicModelColumns);
  return row ?? null;
}

/** Publishes or rejects every model of a task instance that is under review. */
export async function reviewTaskModels(
  db: Database,
  taskInstanceId: string,
  decision: "published" | "rejected",
) {
  return db
    .update(lockedModels)
    .set({ status: decision, publishedAt: decision === "published" ? sql`now()` : null })
    .where(and(eq(lockedModels.taskInstanceId, taskInstanceId), eq(lockedModels.status, "review")))
    .returning(publicModelColumns);
}

/** Records that an admin published a model over its failed acceptance checks. */
export async function setAcceptanceOverride(
  db: Database,
  id: string,
  override: AcceptanceOverride,
) {
  await db
    .update(lockedModels)
    .set({ acceptanceOverride: override })
    .where(eq(lockedModels.id, id));
}

/** The models a submission is evaluated on: published models of published task instances. */
export function evaluationModels(db: Database, taskSlugs?: string[]) {
  return db
    .select({
      id: lockedModels.id,
      name: lockedModels.name,
      visibility: lockedModels.visibility,
      taskSlug: taskInstances.slug,
    })
    .from(lockedModels)
    .innerJoin(taskInstances, eq(taskInstances.id, lockedModels.taskInstanceId))
    .where(
      and(
        eq(lockedModels.status, "published"),
        eq(taskInstances.status, "published"),
        taskSlugs?.length ? inArray(taskInstances.slug, taskSlugs) : undefined,
      ),
    )
    .orderBy(asc(taskInstances.slug), asc(lockedModels.name));
}
