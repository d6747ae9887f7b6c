import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { manifestSha256 } from "@lockpick/runner/storage";
import { lockedModels, taskInstances } from "@lockpick/db/schema";
import { eq } from "drizzle-orm";
import { expect, expectAccessible, screenshot, test } from "./fixtures";
import { untar } from "./tar";

const sha = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

test("an admin adds a task, watches its real lock build, reviews the report and publishes it", async ({
  page,
  db,
  signIn,
}) => {
  // The runner's real build-locks job with the seconds-long `tiny` recipe: two models trained,
  // audited and stored (in the suite's S3-compatible store) while the page follows.
  test.setTimeout(8 * 60_000);
  await signIn("admin");
  const slug = `fc-${randomUUID().slice(0, 6)}`;
  const title = `Function composition ${slug}`;
  await page.goto("/admin/tasks/new");
  await page.getByLabel("Family", { exact: true }).selectOption("function-composition");
  await expect(page.getByLabel(/Configuration/)).not.toHaveValue("");
  await page.getByLabel("Slug", { exact: true }).fill(slug);
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Lock recipe").selectOption("tiny");
  await expectAccessible(page);
  await page.getByRole("button", { name: /Add task/ }).click();
  await expect(page).toHaveURL(/\/admin\/tasks\/[0-9a-f-]{36}$/);

  // The build's phase and percent, then its log naming the recipe.
  await expect(page.getByTestId("build-phase")).toContainText(/(public|private)-1: .* · \d+%/, {
    timeout: 180_000,
  });
  await screenshot(page, "admin-task-build");
  await expect(page.getByTestId("task-status")).toHaveText("review", { timeout: 6 * 60_000 });
  await expect(page.getByText("recipe tiny").first()).toBeAttached();

  // The lock report and its verdict: `tiny` learns too little to pass the acceptance checks.
  const pub = page.getByTestId("review-public-1");
  await expect(pub.getByText('"withPassword"')).toBeVisible();
  await expect(pub.getByTestId("acceptance")).toContainText(/failed — with password/);
  await screenshot(page, "admin-review");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "Not published" });
  await expect(refusal).toContainText(/public-1 failed its lock acceptance checks \(with password/);
  await expect(refusal).toContainText(/private-1 failed its lock acceptance checks/);
  await expect(page.getByTestId("task-status")).toHaveText("review");
  const reason = "E2E: a smoke-test lock, published on purpose to exercise the platform.";
  await page.getByLabel(/Reason to publish over the failed acceptance checks/).fill(reason);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Publish over failed checks" }).click();
  await expect(page.getByTestId("task-status")).toHaveText("published");

  // The models page: the public card with recipe, verdict and the recorded override; the
  // private one held out with its two commitments and no download.
  const rows = await db
    .select({ model: lockedModels })
    .from(lockedModels)
    .innerJoin(taskInstances, eq(lockedModels.taskInstanceId, taskInstances.id))
    .where(eq(taskInstances.slug, slug));
  const pubRow = rows.find((r) => r.model.name === "public-1")!.model;
  const privRow = rows.find((r) => r.model.name === "private-1")!.model;
  expect(privRow.password).toBeTruthy();
  expect(privRow.passwordCommitment).toBe(sha(privRow.passwordSalt! + privRow.password!));
  const response = await page.goto("/models");
  const html = (await response!.text()) + (await page.content());
  const section = page.locator("section", { has: page.getByRole("heading", { name: title }) });
  const pubCard = section.locator(`[data-model="${pubRow.id}"]`);
  const privCard = section.locator(`[data-model="${privRow.id}"]`);
  await expect(pubCard.getByText("tiny", { exact: true })).toBeVisible();
  await expect(pubCard.getByTestId("acceptance-override")).toContainText(reason);
  await expect(privCard.getByText(privRow.checkpointSha256!)).toBeVisible();
  await expect(privCard.getByText(privRow.passwordCommitment!)).toBeVisible();
  await expect(privCard.getByRole("link", { name: /Download/ })).toHaveCount(0);
  for (const secret of [privRow.password!, privRow.passwordSalt!]) {
    expect(html.includes(secret), "no password or salt in the page").toBe(false);
  }
  const catalog = await (await page.request.get("/api/trpc/model.catalog")).text();
  expect(catalog).toContain(privRow.passwordCommitment!);
  expect(catalog.includes(privRow.password!) || catalog.includes(privRow.passwordSalt!)).toBe(
    false,
  );
  await expectAccessible(page);
  await screenshot(page, "models-built");

  // The built public checkpoint downloads from the store and every hash verifies.
  const downloading = page.waitForEvent("download");
  await pubCard.getByRole("link", { name: /Download archive/ }).click();
  const archive = untar(readFileSync((await (await downloading).path())!));
  expect(archive.size).toBe(pubRow.files.length);
  const got = pubRow.files.map((f) => {
    const bytes = archive.get(`${slug}-public-1/${f.path}`);
    expect(bytes, f.path).toBeDefined();
    return { path: f.path, bytes: bytes!.length, sha256: sha(bytes!) };
  });
  expect(got).toEqual(pubRow.files);
  expect(manifestSha256(got)).toBe(pubRow.checkpointSha256);
  // The private checkpoint exists in the store but is never served.
  expect(privRow.checkpointLocation).toBeTruthy();
  expect((await page.request.get(`/api/models/${privRow.id}/archive`)).status()).toBe(404);
});

test("a task config the family rejects is refused with the family's message", async ({
  page,
  signIn,
}) => {
  await signIn("admin");
  await page.goto("/admin/tasks/new");
  await page.getByLabel("Family", { exact: true }).selectOption("function-composition");
  await page.getByLabel("Slug", { exact: true }).fill(`bad-${randomUUID().slice(0, 6)}`);
  await page.getByLabel("Title", { exact: true }).fill("bad");
  await page.getByLabel(/Configuration/).fill('{"noSuchKey": 1}');
  await page.getByRole("button", { name: /Add task/ }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText(/Invalid config/);
});
