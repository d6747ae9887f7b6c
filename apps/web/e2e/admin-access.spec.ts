import { expect, test } from "./fixtures";

test("a researcher cannot reach admin pages or admin procedures", async ({ page, signIn }) => {
  await signIn("researcher");
  for (const path of ["/admin", "/admin/tasks/new"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Add a task instance" })).toHaveCount(0);
  }
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
  // The API refuses too, same-origin request and all.
  const api = await page.request.get("/api/trpc/admin.users");
  expect(api.status()).toBe(403);
});

test("an anonymous visitor is sent to sign in", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/signin$/);
});
