// The web's side of the queue on a database no runner has ever touched: the sender creates the
// queues itself, so enqueueing works; and a submit whose dry run nobody runs ends as an
// infrastructure failure that stores nothing and costs no quota.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ensureUser, listSubmissions, readDbEnv } from "@lockpick/db";
import { startDbOwner, type DbOwner } from "@lockpick/db/owner";
import { sql } from "drizzle-orm";
// Types only: the modules themselves are imported once the settings are in place.
import type * as QueueModule from "~/server/queue";
import type * as QuotaModule from "./quota";
import type * as SubmitModule from "./submit-plugin";

const home = mkdtempSync(join(tmpdir(), "lockpick-web-queue-"));
let owner: DbOwner;
let queue: typeof QueueModule;
let submit: typeof SubmitModule;
let quota: typeof QuotaModule;

before(async () => {
  owner = await startDbOwner({ env: readDbEnv({ LOCKPICK_HOME: home }) });
  // The web reads its settings once, at import: set them first.
  process.env.LOCKPICK_DB_SOCKET = owner.url;
  process.env.SUBMIT_DRY_RUN_TIMEOUT_SECONDS = "2";
  queue = await import("~/server/queue");
  submit = await import("./submit-plugin");
  quota = await import("./quota");
});
after(async () => {
  await queue.closeQueue();
  await owner.stop();
  rmSync(home, { recursive: true, force: true });
});

test(
  "enqueueing works before any runner has started (the sender creates the queues)",
  { timeout: 60_000 },
  async () => {
    const id = await queue.enqueue("evaluate-submission", { submissionId: randomUUID() });
    assert.ok(id);
    const out = await owner.handle.db.execute(
      sql`select name, state from pgboss.job where id = ${id}`,
    );
    // PGlite returns a result object holding the rows.
    const { rows } = out as unknown as { rows: { name: string; state: string }[] };
    assert.deepEqual(rows, [{ name: "evaluate-submission", state: "created" }]);
    // Every kind's queue exists (queue statistics are a runner's job: no counts asserted here).
    const names = (await queue.queueDepths()).map((q) => q.name);
    for (const kind of ["run", "evaluate-submission", "build-locks", "dry-run"])
      assert.ok(names.includes(kind), kind);
  },
);

test(
  "a submit whose dry run no runner takes stores nothing and costs no quota",
  { timeout: 90_000 },
  async () => {
    const db = owner.handle.db;
    const user = await ensureUser(db, { email: "r@x", name: "R", role: "researcher" });
    const source = `import { defineMethod } from "@lockpick/sdk";
export default defineMethod({ name: "q", track: "demonstrations", async elicit() {} });
`;
    const out = await submit.submitPlugin(
      db,
      { id: user.id, name: "R", email: "r@x", role: "researcher" },
      { name: "q", description: "", track: "demonstrations", visibility: "public", source },
    );
    assert.ok(!out.ok && "dryRun" in out, JSON.stringify(out));
    assert.equal(out.dryRun.kind, "infra");
    assert.match(out.dryRun.reason, /no runner finished the dry run/);
    assert.equal((await listSubmissions(db, { authorId: user.id })).length, 0);
    assert.equal(await quota.countedSubmissionsToday(db, user.id), 0);
  },
);
