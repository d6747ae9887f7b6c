// Walks every procedure of the router: each admin procedure must refuse anonymous callers and
// researchers, each signed-in procedure must refuse anonymous callers, and every procedure must
// declare its access level.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createDb, migrate, type DbHandle } from "@lockpick/db";
import { TRPCError } from "@trpc/server";
import type { SessionUser } from "~/auth/roles";
import { createCallerFactory, type Access } from "../trpc";
import { adminRouter } from "./admin";
import { appRouter } from "./root";

let handle: DbHandle;
before(async () => {
  handle = await createDb({ dataDir: "memory" });
  await migrate(handle);
});
after(() => handle.close());

type Proc = { _def: { meta?: { access?: Access }; type: string } };
const procedures = Object.entries(
  (appRouter as unknown as { _def: { procedures: Record<string, Proc> } })._def.procedures,
);

const researcher: SessionUser = { id: "r1", name: "R", email: null, role: "researcher" };

async function call(path: string, user: SessionUser | null) {
  const caller = createCallerFactory(appRouter)({ db: handle.db, user, ip: "test" });
  const fn = path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], caller);
  return (fn as (input: unknown) => Promise<unknown>)({});
}

async function refusal(path: string, user: SessionUser | null) {
  try {
    await call(path, user);
  } catch (error) {
    assert.ok(error instanceof TRPCError, `${path}: ${String(error)}`);
    return error.code;
  }
  assert.fail(`${path} answered ${user?.role ?? "anonymous"}`);
}

test("every procedure declares public, signed-in or admin", () => {
  assert.ok(procedures.length > 10);
  for (const [path, p] of procedures) {
    assert.ok(["public", "signed-in", "admin"].includes(p._def.meta?.access ?? ""), path);
    if (path.startsWith("admin.")) assert.equal(p._def.meta?.access, "admin", path);
  }
});

test("every admin procedure refuses anonymous callers and researchers", async () => {
  const admin = procedures.filter(([, p]) => p._def.meta?.access === "admin");
  // The walk sees every procedure of the admin router (new ones included), and only those.
  assert.deepEqual(
    admin.map(([path]) => path).sort(),
    Object.keys(adminRouter)
      .map((k) => `admin.${k}`)
      .sort(),
  );
  for (const [path] of admin) {
    assert.equal(await refusal(path, null), "UNAUTHORIZED", path);
    assert.equal(await refusal(path, researcher), "FORBIDDEN", path);
  }
});

test("every signed-in procedure refuses anonymous callers", async () => {
  for (const [path] of procedures.filter(([, p]) => p._def.meta?.access === "signed-in")) {
    assert.equal(await refusal(path, null), "UNAUTHORIZED", path);
  }
});
