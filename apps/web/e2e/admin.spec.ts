import { randomUUID } from "node:crypto";
import { upsertLockedModel } from "@lockpick/db/queries";
import { taskInstances } from "@lockpick/db/schema";
import { expect, expectAccessible, screenshot, test } from "./fixtures";

test("an admin adds a task instance from a registered family", async ({ page, signIn }) => {
  await signIn("admin");
  const slug = `fc-${randomUUID().slice(0, 6)}`;
  await page.goto("/admin/tasks/new");
  await page.getByLabel("Family", { exact: true }).selectOption("function-composition");
  await expect(page.getByLabel(/Configuration/)).not.toHaveValue("");
  await page.getByLabel("Slug", { exact: true }).fill(slug);
  await page.getByLabel("Title", { exact: true }).fill(`Function composition ${slug}`);
  await expectAccessible(page);
  await page.getByRole("button", { name: /Add task/ }).click();
  await expect(page).toHaveURL(/\/admin\/tasks\/[0-9a-f-]{36}$/);
  // The build-locks job is queued; the page follows the build (or shows why it stopped).
  await expect(page.getByTestId("task-status")).toHaveText(/building|draft|review/);
  await screenshot(page, "admin-task-build");

  // A config the family rejects is refused with the family's message.
  await page.goto("/admin/tasks/new");
  await page.getByLabel("Family", { exact: true }).selectOption("function-composition");
  await page.getByLabel("Slug", { exact: true }).fill(`${slug}-bad`);
  await page.getByLabel("Title", { exact: true }).fill("bad");
  await page.getByLabel(/Configuration/).fill('{"noSuchKey": 1}');
  await page.getByRole("button", { name: /Add task/ }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText(/Invalid config/);
});

test("an admin reviews a built task's lock report and publishes it", async ({
  page,
  db,
  signIn,
}) => {
  await signIn("admin");
  const slug = `rv-${randomUUID().slice(0, 6)}`;
  // The state the runner's build-locks job leaves a task in: models stored, task under review.
  const [task] = await db
    .insert(taskInstances)
    .values({
      slug,
      familyId: "function-composition",
      title: `Reviewed ${slug}`,
      description: "Built and waiting for review.",
      config: {},
      status: "review",
    })
    .returning();
  for (const visibility of ["public", "private"] as const) {
    await upsertLockedModel(db, {
      taskInstanceId: task!.id,
      name: `${visibility}-1`,
      visibility,
      status: "review",
      checkpointSha256: "a".repeat(64),
      lockReport: { floor: 0.12, ceiling: 0.91, accepted: true },
      passwordCommitment: visibility === "private" ? "b".repeat(64) : null,
    });
  }
  await page.goto("/admin");
  await page.getByRole("link", { name: `Reviewed ${slug}` }).click();
  await expect(page.getByTestId("task-status")).toHaveText("review");
  await expect(page.getByText('"ceiling": 0.91').first()).toBeVisible();
  await screenshot(page, "admin-review");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("task-status")).toHaveText("published");
  await page.goto("/tasks");
  await expect(page.getByRole("link", { name: `Reviewed ${slug}` })).toBeVisible();
  await page.goto("/models");
  await expect(page.getByRole("heading", { name: `Reviewed ${slug}` })).toBeVisible();
  await expectAccessible(page);
});
