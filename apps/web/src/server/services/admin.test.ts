// Publishing a built task: an accepted lock report publishes; a failed one is refused with its
// reasons unless the admin gives a reason, which is then recorded on each failing model.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  createDb,
  createTaskInstance,
  ensureUser,
  getTaskInstance,
  listModels,
  migrate,
  upsertLockedModel,
  upsertTaskFamily,
  type DbHandle,
} from "@lockpick/db";
import { AdminInputError, reviewTask } from "./admin";

let handle: DbHandle;
before(async () => {
  handle = await createDb({ dataDir: "memory" });
  await migrate(handle);
  await upsertTaskFamily(handle.db, { id: "fam", title: "Fam", version: "1" });
});
after(() => handle.close());

const report = (accepted: boolean) => ({
  withPassword: accepted ? 0.95 : 0,
  acceptance: { accepted, reasons: accepted ? [] : ["with password 0.0% < minimum 90.0%"] },
});

async function builtTask(slug: string, publicAccepted: boolean) {
  const task = await createTaskInstance(handle.db, {
    slug,
    familyId: "fam",
    title: slug,
    config: {},
    status: "review",
  });
  for (const [name, visibility, accepted] of [
    ["public-1", "public", publicAccepted],
    ["private-1", "private", true],
  ] as const) {
    await upsertLockedModel(handle.db, {
      taskInstanceId: task.id,
      name,
      visibility,
      status: "review",
      lockReport: report(accepted),
    });
  }
  return task;
}

test("a task whose lock reports are accepted publishes", async () => {
  const admin = await ensureUser(handle.db, { email: "a@x", name: "Ada", role: "admin" });
  const task = await builtTask("good", true);
  const out = await reviewTask(handle.db, admin, { id: task.id, decision: "published" });
  assert.equal(out.models, 2);
  assert.equal(out.overridden, 0);
  const models = await listModels(handle.db, { taskInstanceId: task.id });
  assert.ok(models.every((m) => m.status === "published" && m.acceptanceOverride === null));
});

test("a failed lock report blocks publishing; an override reason publishes and is recorded", async () => {
  const admin = await ensureUser(handle.db, { email: "b@x", name: "Bo", role: "admin" });
  const task = await builtTask("leaky", false);
  await assert.rejects(
    reviewTask(handle.db, admin, { id: task.id, decision: "published" }),
    (e: Error) =>
      e instanceof AdminInputError &&
      /Not published: public-1 failed its lock acceptance checks \(with password 0\.0% < minimum 90\.0%\)/.test(
        e.message,
      ),
  );
  assert.equal((await getTaskInstance(handle.db, task.id))?.status, "review", "nothing changed");
  const out = await reviewTask(handle.db, admin, {
    id: task.id,
    decision: "published",
    overrideReason: "Published as a deliberately weak lock for the leak study.",
  });
  assert.equal(out.overridden, 1);
  const [priv, pub] = await listModels(handle.db, { taskInstanceId: task.id });
  assert.equal(priv!.acceptanceOverride, null, "accepted models carry no override");
  assert.equal(pub!.status, "published");
  assert.deepEqual(
    { ...pub!.acceptanceOverride, at: undefined },
    {
      by: admin.id,
      byName: "Bo",
      at: undefined,
      reason: "Published as a deliberately weak lock for the leak study.",
      failedChecks: ["with password 0.0% < minimum 90.0%"],
    },
  );
  // Only a task under review can be decided.
  await assert.rejects(
    reviewTask(handle.db, admin, { id: task.id, decision: "rejected" }),
    /Only a task under review/,
  );
});

test("rejecting needs no reason even when reports failed", async () => {
  const admin = await ensureUser(handle.db, { email: "c@x", name: "Cy", role: "admin" });
  const task = await builtTask("rejected", false);
  await reviewTask(handle.db, admin, { id: task.id, decision: "rejected" });
  const models = await listModels(handle.db, { taskInstanceId: task.id });
  assert.ok(models.every((m) => m.status === "rejected" && m.acceptanceOverride === null));
});
