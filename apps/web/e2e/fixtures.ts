// Shared Playwright fixtures: a database connection per worker, and `signIn`, which seeds a
// fresh user and a database session and puts its cookie in the browser (never the sign-in form).
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { createDb, type Database, type DbHandle } from "@lockpick/db/client";
import { ensureUser } from "@lockpick/db/queries";
import { createSession, SESSION_COOKIE } from "../src/server/services/sessions";
import { e2eEnv } from "./env";

type Role = "researcher" | "admin";
export type SeededUser = { id: string; name: string | null; role: Role };

export const test = base.extend<
  { db: Database; signIn: (role?: Role) => Promise<SeededUser> },
  { dbHandle: DbHandle }
>({
  dbHandle: [
    async ({}, use) => {
      const url = e2eEnv.LOCKPICK_DB_SOCKET || e2eEnv.DATABASE_URL;
      if (!url) throw new Error("run the suite through `npm run test:e2e`");
      const handle = await createDb({ url, socket: Boolean(e2eEnv.LOCKPICK_DB_SOCKET), max: 2 });
      await use(handle);
      await handle.close();
    },
    { scope: "worker" },
  ],
  db: async ({ dbHandle }, use) => use(dbHandle.db),
  signIn: async ({ db, context, baseURL }, use) => {
    await use(async (role = "researcher") => {
      const tag = randomUUID().slice(0, 8);
      const user = await ensureUser(db, {
        email: `${role}-${tag}@e2e.lockpick.local`,
        name: `${role} ${tag}`,
        role,
      });
      const { sessionToken } = await createSession(db, user.id);
      await context.addCookies([{ name: SESSION_COOKIE, value: sessionToken, url: baseURL! }]);
      return { id: user.id, name: user.name, role };
    });
  },
});

export { expect };

/** Fails the test if axe-core finds accessibility violations on the page as it stands. */
export async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  const summary = result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary).toEqual([]);
}

const shots = new URL("../test-results/screenshots/", import.meta.url).pathname;

/** Saves a full-page screenshot of a main page for the record. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: `${shots}${name}.png`, fullPage: true });
}

export function uniquePrefix(label: string) {
  return `${label}-${randomUUID().slice(0, 6)}`;
}
