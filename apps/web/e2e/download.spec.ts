import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { lockedModels, taskFamilies, taskInstances } from "@lockpick/db/schema";
import { e2eEnv } from "./env";
import { expect, expectAccessible, screenshot, test, uniquePrefix } from "./fixtures";
import { untar } from "./tar";

const sha = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

test("a visitor downloads a public checkpoint and its hashes verify", async ({ page, db }) => {
  const prefix = uniquePrefix("dl");
  // A checkpoint directory on disk, as the locking pipeline leaves it.
  const location = `${prefix}/v1/public-1`;
  const dir = join(e2eEnv.LOCKPICK_HOME!, "checkpoints", location);
  mkdirSync(dir, { recursive: true });
  const contents: Record<string, Buffer> = {
    "model.json": Buffer.from(JSON.stringify({ format: "lockpick-weights" })),
    "group1-shard1of1.bin": randomBytes(70_000),
    "lockpick.json": Buffer.from(JSON.stringify({ format: "lockpick-checkpoint" })),
  };
  for (const [name, bytes] of Object.entries(contents)) writeFileSync(join(dir, name), bytes);
  const files = Object.entries(contents).map(([path, b]) => ({
    path,
    bytes: b.length,
    sha256: sha(b),
  }));
  await db.insert(taskFamilies).values({ id: `${prefix}-fam`, title: "fam", version: "1" });
  const [task] = await db
    .insert(taskInstances)
    .values({
      slug: `${prefix}-task`,
      familyId: `${prefix}-fam`,
      title: `${prefix} task`,
      config: {},
      status: "published",
    })
    .returning();
  await db.insert(lockedModels).values([
    {
      taskInstanceId: task!.id,
      name: "public-1",
      visibility: "public",
      status: "published",
      checkpointLocation: location,
      checkpointSha256: sha(files.map((f) => f.sha256).join("")),
      checkpointBytes: files.reduce((a, f) => a + f.bytes, 0),
      files,
      recipe: { nLayers: 2, dModel: 64 },
      lockReport: { floor: 0.1, ceiling: 0.9 },
    },
    {
      taskInstanceId: task!.id,
      name: "private-1",
      visibility: "private",
      status: "published",
      checkpointSha256: sha("private"),
      passwordCommitment: sha("salt+password"),
      password: "never shown",
    },
  ]);

  await page.goto("/models");
  const section = page.locator("section", {
    has: page.getByRole("heading", { name: `${prefix} task` }),
  });
  await expect(section.getByText(sha("salt+password"))).toBeVisible();
  await expect(section.getByText("never shown")).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, "models");

  const downloading = page.waitForEvent("download");
  await section.getByRole("link", { name: /Download archive/ }).click();
  const download = await downloading;
  const archive = untar(readFileSync((await download.path())!));
  expect(archive.size).toBe(files.length);
  for (const f of files) {
    const got = archive.get(`${prefix}-task-public-1/${f.path}`);
    expect(got, f.path).toBeDefined();
    expect(sha(got!)).toBe(f.sha256);
  }
  // The private model has no download.
  const priv = await page.request.get(
    `/api/models/${(await db.select().from(lockedModels)).find((m) => m.name === "private-1" && m.taskInstanceId === task!.id)!.id}/archive`,
  );
  expect(priv.status()).toBe(404);
});
