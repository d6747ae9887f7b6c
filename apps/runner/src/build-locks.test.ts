// The real build-locks job end to end: a runner process trains a task instance's public and
// private locked models with the seconds-long `tiny` recipe, stores the checkpoints in an
// S3-compatible server (real HTTP, signatures checked) and leaves the task under review.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { buffer } from "node:stream/consumers";
import { recipeNames } from "@lockpick/bench/lock";
import {
  createTaskInstance,
  getModelWithSecret,
  getTaskInstance,
  listModels,
  upsertTaskFamily,
} from "@lockpick/db";
import { getTaskFamily } from "@lockpick/tasks";
import { LOCK_RECIPES } from "./jobs/build-locks";
import { manifestSha256, s3Store } from "./storage/index";
import { s3StorageEnv, startS3TestServer, type S3TestServer } from "./storage/s3-test-server";
import { openFixture, spawnRunner, until, type Fixture } from "./test/fixture";

const sha = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

test("the job's recipe names are the locking pipeline's", () => {
  assert.deepEqual([...LOCK_RECIPES].sort(), [...recipeNames].sort());
});

describe("build-locks", () => {
  let f: Fixture;
  let s3: S3TestServer;
  before(async () => {
    f = await openFixture();
    s3 = await startS3TestServer();
  });
  after(async () => {
    await f.close();
    await s3.stop();
  });

  test("tiny recipe: progress, two models in S3 with hashes and commitment, task in review", async () => {
    const family = getTaskFamily("function-composition");
    await upsertTaskFamily(f.db.db, {
      id: family.id,
      title: family.title,
      version: family.version,
    });
    const task = await createTaskInstance(f.db.db, {
      slug: "fc-build",
      familyId: family.id,
      title: "Function composition (build)",
      config: {},
      status: "building",
    });
    const s3Env = s3StorageEnv(s3, "checkpoints/");
    // The runner's default recipe is the long one: the payload's choice must win.
    const runner = spawnRunner(f, {
      ...s3Env,
      LOCKPICK_RUNNER_CONCURRENCY: "1",
      LOCKPICK_LOCK_RECIPE: "ft-default",
    });
    try {
      await f.jobs.enqueue({
        name: "build-locks",
        payload: { taskInstanceId: task.id, recipe: "tiny" },
      });
      const seen = new Set<string>();
      const done = await until(
        async () => {
          const t = await getTaskInstance(f.db.db, task.id);
          const p = t?.buildProgress;
          if (p?.phase && (p.percent ?? 0) > 0 && (p.percent ?? 0) < 100) seen.add(p.phase);
          if (t?.buildError) throw new Error(`build failed: ${t.buildError}`);
          return t?.status === "review" ? t : undefined;
        },
        6 * 60_000,
        "the build to reach review",
      );
      assert.ok(seen.size >= 2, `progress phases were reported (${[...seen].join(", ")})`);
      assert.ok(
        done.buildProgress?.log?.some((l) => l.includes("recipe tiny")),
        "the log names the recipe",
      );

      const models = await listModels(f.db.db, { taskInstanceId: task.id });
      assert.deepEqual(
        models.map((m) => [m.name, m.visibility, m.status]),
        [
          ["private-1", "private", "review"],
          ["public-1", "public", "review"],
        ],
      );
      const store = s3Store({
        endpoint: s3.endpoint,
        bucket: s3.bucket,
        region: s3.region,
        accessKeyId: s3.accessKeyId,
        secretAccessKey: s3.secretAccessKey,
        prefix: "checkpoints/",
        cacheDir: `${f.home}/verify-cache`,
      });
      for (const m of models) {
        assert.equal((m.recipe as { name?: string }).name, "tiny", "the recipe is recorded");
        const acceptance = (m.lockReport as { acceptance?: { accepted?: unknown } }).acceptance;
        assert.equal(typeof acceptance?.accepted, "boolean", "the report carries its verdict");
        assert.ok(m.files.length >= 2 && m.checkpointLocation);
        assert.equal(m.checkpointSha256, manifestSha256(m.files));
        for (const file of m.files) {
          const bytes = await buffer(await store.openFile(m.checkpointLocation, file.path));
          assert.equal(bytes.length, file.bytes);
          assert.equal(sha(bytes), file.sha256, `${m.name}/${file.path} in S3`);
        }
      }
      const priv = await getModelWithSecret(f.db.db, models[0]!.id);
      assert.ok(priv?.password && priv.passwordSalt);
      assert.equal(priv.passwordCommitment, sha(priv.passwordSalt + priv.password));
      assert.ok(!models[0]!.files.some((file) => file.path.includes("password")));
      assert.ok((s3.counts.accepted.PUT ?? 0) >= models.flatMap((m) => m.files).length);
      assert.equal(s3.counts.refused, 0);
    } finally {
      runner.child.kill("SIGTERM");
      await runner.exited;
    }
  });
});
