import { randomUUID } from "node:crypto";
import { expect, expectAccessible, screenshot, test } from "./fixtures";

const source = (name: string, steps: string) => `import { defineMethod } from "@lockpick/sdk";

export default defineMethod({
  name: "${name}",
  track: "demonstrations",
  async elicit(ctx) {
    const steps: number = ${steps};
    const demos = await ctx.demonstrations(1, { source: "strong" });
    await ctx.model.sft(
      demos.map((d) => ({ prompt: d.prompt, completion: d.completion })),
      { steps, batchSize: 1 },
    );
    ctx.log({ demos: demos.length });
  },
});
`;

test("a researcher submits a plugin, fixes a type error, watches it run and finds it ranked", async ({
  page,
  signIn,
}) => {
  test.setTimeout(300_000);
  await signIn("researcher");
  const name = `e2e-${randomUUID().slice(0, 6)}`;
  await page.goto("/submit");
  await page.getByLabel("Method name").fill(name);
  await page.getByLabel("Track").selectOption("demonstrations");
  // Line 7 assigns a string to a number.
  await page.getByLabel("Plugin source (TypeScript)").fill(source(name, '"two"'));
  await page.getByRole("button", { name: "Submit" }).click();
  const problems = page.getByRole("alert", { name: "Problems in the plugin" });
  await expect(problems).toBeVisible({ timeout: 60_000 });
  await expect(problems.locator(".diagnostic[data-line='7']")).toContainText(
    /not assignable to type 'number'/,
  );
  await expectAccessible(page);
  await screenshot(page, "submit-type-error");

  await page.getByLabel("Plugin source (TypeScript)").fill(source(name, "2"));
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page).toHaveURL(/\/submissions\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const status = page.getByTestId("submission-status");
  await expect(status).toHaveText(/pending|queued|running|completed/);
  await screenshot(page, "submission-running");
  await expect(status).toHaveText("completed", { timeout: 240_000 });
  await expect(
    page.getByRole("heading", { name: "Recovery by budget (private models)" }),
  ).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "submission-completed");

  await page.goto("/?track=demonstrations");
  const table = page.locator('table[data-track="demonstrations"]');
  await expect(table.getByRole("link", { name })).toBeVisible();
});
