import { asc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { users, type UserRole } from "../schema/index";

export async function getUser(db: Database, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function getUserByEmail(db: Database, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row ?? null;
}

export function listUsers(db: Database) {
  return db.select().from(users).orderBy(asc(users.createdAt));
}

export async function setUserRole(db: Database, id: string, role: UserRole) {
  const [row] = await db.update(users).set({ role }).where(eq(users.id, id)).returning();
  return row ?? null;
}

/** Finds or creates a user by email (development sign-in, seeding). */
export async function ensureUser(
  db: Database,
  input: { email: string; name?: string; role?: UserRole },
) {
  await db
    .insert(users)
    .values({ email: input.email, name: input.name ?? input.email, role: input.role })
    .onConflictDoNothing({ target: users.email });
  return (await getUserByEmail(db, input.email))!;
}
