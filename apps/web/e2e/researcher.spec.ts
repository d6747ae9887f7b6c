import { randomUUID } from "node:crypto";
import { listRuns } from "@lockpick/db/queries";
import { expect, expectAccessible, screenshot, test } from "./fixtures";

// Line 7 is the `steps` line (the type error); `fails` adds a throw the type checker cannot see.
const source = (
  name: string,
  steps: string,
  fails = false,
) => `import { defineMethod } from "@lockpick/sdk";

export default defineMethod({
  name: "${name}",
  track: "demonstrations",
  async elicit(ctx) {
    const steps: number = ${steps};
    const demos = await ctx.demonstrations(1, { source: "strong" });${
      fails ? `\n    if (demos.length > 0) throw new Error("e2e: refusing to train");` : ""
    }
    await ctx.model.sft(
      demos.map((d) => ({ prompt: d.prompt, completion: d.completion })),
      { steps, batchSize: 1 },
    );
    ctx.log({ demos: demos.length });
  },
});
`;

// The runner executes this through the real harness and sandbox on the shipped function-
// composition lock (scripts/e2e-task.ts): a dry run, then one run per budget (the two smallest).
test("a researcher submits a plugin, fixes a type error and a dry-run failure, watches it run and finds it ranked", async ({
  page,
  signIn,
  db,
}) => {
  test.setTimeout(420_000);
  await signIn("researcher");
  const name = `e2e-${randomUUID().slice(0, 6)}`;
  await page.goto("/submit");
  await page.getByLabel("Method name").fill(name);
  await page.getByLabel("Track").selectOption("demonstrations");
  const editor = page.getByLabel("Plugin source (TypeScript)");
  const submit = page.getByRole("button", { name: "Submit" });

  // 1. A type error, shown under its line.
  await editor.fill(source(name, '"two"'));
  await submit.click();
  const problems = page.getByRole("alert", { name: "Problems in the plugin" });
  await expect(problems).toBeVisible({ timeout: 60_000 });
  await expect(problems.locator(".diagnostic[data-line='7']")).toContainText(
    /not assignable to type 'number'/,
  );
  await expectAccessible(page);
  await screenshot(page, "submit-type-error");

  // 2. It type-checks but throws: the dry run on a small model refuses it, with the error.
  await editor.fill(source(name, "2", true));
  await submit.click();
  const dryRun = page.getByRole("alert", { name: "Dry run failed" });
  await expect(dryRun).toBeVisible({ timeout: 180_000 });
  await expect(dryRun).toContainText("The plugin failed its dry run");
  await expect(dryRun).toContainText("e2e: refusing to train");
  // It names the model the dry run used, not just "a small model".
  await expect(dryRun).toContainText("On the function-composition lock ft-default with budget 1");
  // Its stack points at the line of the source that threw, not into the bundle.
  const throwLine =
    source(name, "2", true)
      .split("\n")
      .findIndex((l) => l.includes("e2e: refusing to train")) + 1;
  await expect(dryRun).toContainText(new RegExp(`plugin\\.ts:${throwLine}:\\d+`));
  await expectAccessible(page);
  await screenshot(page, "submit-dry-run-failed");

  // 3. Fixed: the dry run passes, the submission is stored and evaluated for real.
  await editor.fill(source(name, "2"));
  await submit.click();
  await expect(page).toHaveURL(/\/submissions\/[0-9a-f-]{36}$/, { timeout: 180_000 });
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  // The dry run it passed is recorded with the submission: what ran and how it ended.
  await expect(page.getByTestId("dry-run")).toContainText(
    /passed.*on function-composition \/ ft-default · budget 1 · [\d.]+ s · correctness \d+\.\d% on 16 problems/,
  );
  const status = page.getByTestId("submission-status");
  // Live: while active the page polls and shows phase, runs done and a progress bar (the two
  // runs take tens of seconds, so the page always opens before they are done).
  await expect(status).toHaveText(/pending|queued|running/);
  const progress = page.getByRole("progressbar", { name: "Progress" });
  await expect(progress).toBeVisible();
  await expect(page.getByText(/\d\/\d runs · ETA/)).toBeVisible();
  await screenshot(page, "submission-running");
  await expect(status).toHaveText("completed", { timeout: 240_000 });
  await expect(progress).toBeHidden();
  await expect(
    page.getByRole("heading", { name: "Recovery by budget (private models)" }),
  ).toBeVisible();
  // One run per budget on the one model, each scored by the harness.
  const runs = page.locator("details.run");
  await expect(runs).toHaveCount(2);
  for (const budget of [1, 4]) {
    const run = runs.filter({ hasText: `budget ${budget} ` });
    await expect(run).toHaveAttribute("data-status", "succeeded");
    await expect(run.locator("summary").first()).toContainText(
      /recovery -?\d+\.\d% · correctness \d+\.\d%/,
    );
  }
  // The per-run record: spent budget and the harness's reproducibility record.
  const first = runs.first();
  await first.locator("summary").first().click();
  await expect(first).toContainText(/Spent: .*demonstrations 1/);
  await first.getByText("Reproducibility record").click();
  await expect(first.locator("pre").first()).toContainText('"ledgerVerified": true');
  // Learning curves: one chart per non-empty series the run's result carries.
  const id = page.url().split("/").pop()!;
  const stored = (await listRuns(db, id))[0]!.result!.curves as Record<string, unknown>;
  const series = Object.values(stored).filter((v) => Array.isArray(v) && v.length > 0).length;
  await expect(first.locator("figure.curve")).toHaveCount(series);
  if (series > 0)
    await expect(first.getByRole("heading", { name: "Learning curves" })).toBeVisible();
  console.log(`learning-curve series shown: ${series}`);
  await expectAccessible(page);
  await screenshot(page, "submission-completed");

  await page.goto("/?track=demonstrations");
  const table = page.locator('table[data-track="demonstrations"]');
  await expect(table.getByRole("link", { name })).toBeVisible();
});
