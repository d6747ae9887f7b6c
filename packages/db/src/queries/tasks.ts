import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { taskFamilies, taskInstances, type BuildProgress, type TaskStatus } from "../schema/index";
import type { NewTaskFamily, NewTaskInstance } from "../validators";

/** Stores one family row; mirroring a registry family goes through `mirrorTaskFamily`. */
export async function upsertTaskFamily(db: Database, family: NewTaskFamily) {
  await db
    .insert(taskFamilies)
    .values(family)
    .onConflictDoUpdate({
      target: taskFamilies.id,
      set: {
        title: family.title,
        description: family.description ?? "",
        version: family.version,
        // No spec given keeps the stored one: a caller without the registry's spec never erases it.
        ...(family.spec !== undefined && { spec: family.spec }),
        updatedAt: sql`now()`,
      },
    });
}

/**
 * What the database mirrors of a registry family: structurally a @lockpick/tasks `TaskFamily`
 * (this package does not depend on the registry, so callers pass the family itself).
 */
export type RegistryFamily = {
  id: string;
  title: string;
  description: string;
  version: string;
  evaluatorDescription: string;
  domains: readonly string[];
  defaultConfig: unknown;
};

/** Mirrors one registry family, spec included, into its row (the registry is the truth). */
export function mirrorTaskFamily(db: Database, family: RegistryFamily) {
  return upsertTaskFamily(db, {
    id: family.id,
    title: family.title,
    description: family.description,
    version: family.version,
    spec: {
      domains: [...family.domains],
      evaluatorDescription: family.evaluatorDescription,
      defaultConfig: family.defaultConfig as Record<string, unknown>,
    },
  });
}

export function listTaskFamilies(db: Database) {
  return db.select().from(taskFamilies).orderBy(asc(taskFamilies.id));
}

export async function createTaskInstance(db: Database, input: NewTaskInstance) {
  const [row] = await db.insert(taskInstances).values(input).returning();
  return row!;
}

/** Registers a built-in instance once; a later start leaves an existing one (and its state) alone. */
export async function ensureTaskInstance(db: Database, input: NewTaskInstance) {
  await db.insert(taskInstances).values(input).onConflictDoNothing({ target: taskInstances.slug });
  return (await getTaskInstance(db, input.slug))!;
}

export async function getTaskInstance(db: Database, idOrSlug: string) {
  const isUuid = /^[0-9a-f-]{36}$/.test(idOrSlug);
  const [row] = await db
    .select()
    .from(taskInstances)
    .where(isUuid ? eq(taskInstances.id, idOrSlug) : eq(taskInstances.slug, idOrSlug));
  return row ?? null;
}

export function listTaskInstances(db: Database, filter: { status?: TaskStatus } = {}) {
  return db
    .select()
    .from(taskInstances)
    .where(filter.status ? eq(taskInstances.status, filter.status) : undefined)
    .orderBy(asc(taskInstances.slug));
}

export async function setTaskInstanceStatus(
  db: Database,
  id: string,
  status: TaskStatus,
  from?: TaskStatus,
) {
  const [row] = await db
    .update(taskInstances)
    .set({ status, updatedAt: sql`now()` })
    .where(and(eq(taskInstances.id, id), from ? eq(taskInstances.status, from) : undefined))
    .returning();
  return row ?? null;
}

/** Stores the live state of a lock build (and its error, when it failed). */
export async function setTaskBuildState(
  db: Database,
  id: string,
  state: { progress?: BuildProgress | null; error?: string | null; status?: TaskStatus },
) {
  await db
    .update(taskInstances)
    .set({
      ...(state.progress !== undefined && { buildProgress: state.progress }),
      ...(state.error !== undefined && { buildError: state.error }),
      ...(state.status !== undefined && { status: state.status }),
      updatedAt: sql`now()`,
    })
    .where(eq(taskInstances.id, id));
}
