import { seedLeaderboard } from "../scripts/seed";
import { expect, expectAccessible, screenshot, test, uniquePrefix } from "./fixtures";

test("a visitor browses the leaderboard, sorts, filters and exports it", async ({ page, db }) => {
  const prefix = uniquePrefix("visit");
  const seeded = await seedLeaderboard(db, {
    prefix,
    methods: 3,
    tasks: 2,
    budgets: [1, 4, 16],
    seeds: 3,
  });
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Leaderboard", level: 1 })).toBeVisible();
  const table = page.locator('table[data-track="demonstrations"]');
  await expect(table.getByRole("link", { name: `${prefix}-method-1` })).toBeVisible();
  await expect(
    table.locator("tr", { hasText: `${prefix}-method-1` }).getByText("baseline"),
  ).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "leaderboard");

  // Only runs on accepted locks count by default (the seed's locks are accepted); a link
  // switches to all published locks and back, and the note says which locks are left out.
  await expect(page.getByTestId("lock-note")).toContainText(
    "Locks published over failed acceptance checks are excluded from the ranking by default",
  );
  await page.getByRole("link", { name: "all published locks" }).click();
  await expect(page).toHaveURL(/locks=all/);
  await expect(table.getByRole("link", { name: `${prefix}-method-1` })).toBeVisible();
  await expect(page.getByTestId("lock-note")).toContainText("All published locks count here");
  await page.getByRole("link", { name: "accepted locks only" }).click();
  await expect(page).not.toHaveURL(/locks=/);

  // Filter by task through the query string, then sort by a budget column.
  const task = seeded.tasks[0]!;
  await page.getByLabel("Task").selectOption(task);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`task=${task}`));
  await table.getByRole("link", { name: /^16/ }).click();
  await expect(page).toHaveURL(/sort=budget%3A16/);
  await expect(table.locator("th[aria-sort=descending]")).toHaveText(/16/);

  const json = await page.request.get(`/api/leaderboard.json?task=${task}`);
  expect(json.ok()).toBe(true);
  const board = (await json.json()) as { task: string; tables: { rows: { method: string }[] }[] };
  expect(board.task).toBe(task);
  const methods = board.tables.flatMap((t) => t.rows.map((r) => r.method));
  expect(methods).toContain(`${prefix}-method-2`);
  const csv = await (await page.request.get(`/api/leaderboard.csv?task=${task}`)).text();
  expect(csv.split("\n")[0]).toContain("track,rank,tied,method");
  expect(csv).toContain(`${prefix}-method-3`);
});

test("a visitor reads the task pages and the docs, on a phone-sized screen too", async ({
  page,
}) => {
  await page.goto("/tasks");
  await expect(page.getByRole("heading", { name: "Tasks", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Function composition (e2e runs)" }).click();
  await expect(page.getByRole("heading", { name: "Example problems" })).toBeVisible();
  await expect(page.getByText("Evaluator")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "task");
  await page.goto("/docs");
  await expect(page.getByRole("heading", { name: "Documentation" })).toBeVisible();
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Leaderboard", level: 1 })).toBeVisible();
  await screenshot(page, "leaderboard-phone");
});
