// Adding a task instance from the admin page mirrors its family again: the family's stored spec
// (written by `npm start`'s registration) must survive it. Runs the real addTaskInstance on an
// embedded database with its socket server, so its lock build really queues.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  ensureUser,
  listTaskFamilies,
  mirrorTaskFamily,
  readDbEnv,
  type Database,
} from "@lockpick/db";
import { startDbOwner, type DbOwner } from "@lockpick/db/owner";
import { getTaskFamily } from "@lockpick/tasks";
// Types only: the modules themselves are imported once the settings are in place.
import type * as AdminModule from "./admin";
import type * as QueueModule from "~/server/queue";

const home = mkdtempSync(join(tmpdir(), "lockpick-web-admin-family-"));
let owner: DbOwner;
let admin: typeof AdminModule;
let queue: typeof QueueModule;

before(async () => {
  owner = await startDbOwner({ env: readDbEnv({ LOCKPICK_HOME: home }) });
  // The web reads its settings once, at import: set them first.
  process.env.LOCKPICK_DB_SOCKET = owner.url;
  admin = await import("./admin");
  queue = await import("~/server/queue");
});
after(async () => {
  await queue.closeQueue();
  await owner.stop();
  rmSync(home, { recursive: true, force: true });
});

const storedSpec = async (db: Database, id: string) =>
  (await listTaskFamilies(db)).find((f) => f.id === id)?.spec;

test("adding a task instance keeps the family's stored spec", { timeout: 60_000 }, async () => {
  const db = owner.handle.db;
  const family = getTaskFamily("function-composition");
  // What `npm start` stores for the family (scripts/start/register-builtins.ts).
  await mirrorTaskFamily(db, family);
  const before = await storedSpec(db, family.id);
  assert.deepEqual(before?.domains, [...family.domains]);

  const user = await ensureUser(db, { email: "admin@x", name: "Admin", role: "admin" });
  const task = await admin.addTaskInstance(db, user.id, {
    familyId: family.id,
    slug: "fc-admin",
    title: "Function composition (admin)",
    description: "",
    config: {},
    recipe: "ft-default",
  });
  assert.equal(task.status, "building");
  assert.deepEqual(await storedSpec(db, family.id), before);
});
