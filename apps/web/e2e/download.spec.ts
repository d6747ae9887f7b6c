import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { manifestSha256 } from "@lockpick/runner/storage";
import { lockedModels, taskFamilies, taskInstances } from "@lockpick/db/schema";
import { e2eEnv } from "./env";
import { expect, expectAccessible, screenshot, test, uniquePrefix } from "./fixtures";
import { e2eStore } from "./store";
import { untar } from "./tar";

const sha = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

test("a visitor downloads a public checkpoint and its hashes verify", async ({ page, db }) => {
  const prefix = uniquePrefix("dl");
  // A checkpoint directory as the locking pipeline leaves it, put in the platform's store.
  const dir = join(e2eEnv.LOCKPICK_HOME!, "e2e-src", prefix);
  mkdirSync(dir, { recursive: true });
  const contents: Record<string, Buffer> = {
    "model.json": Buffer.from(JSON.stringify({ format: "lockpick-weights" })),
    "group1-shard1of1.bin": randomBytes(70_000),
    "lockpick.json": Buffer.from(JSON.stringify({ format: "lockpick-checkpoint" })),
  };
  for (const [name, bytes] of Object.entries(contents)) writeFileSync(join(dir, name), bytes);
  const { location, files } = await e2eStore().putDir(`${prefix}/v1/public-1`, dir);
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
      checkpointSha256: manifestSha256(files),
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
  const got = files.map((f) => {
    const bytes = archive.get(`${prefix}-task-public-1/${f.path}`);
    expect(bytes, f.path).toBeDefined();
    expect(sha(bytes!)).toBe(f.sha256);
    expect(sha(bytes!)).toBe(sha(contents[f.path]!));
    return { ...f, sha256: sha(bytes!) };
  });
  // The published checkpoint hash is recomputable from the downloaded files.
  await expect(section.getByText(manifestSha256(got))).toBeVisible();
  // The private model has no download.
  const priv = await page.request.get(
    `/api/models/${(await db.select().from(lockedModels)).find((m) => m.name === "private-1" && m.taskInstanceId === task!.id)!.id}/archive`,
  );
  expect(priv.status()).toBe(404);
});
