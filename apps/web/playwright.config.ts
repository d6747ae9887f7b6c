import { defineConfig } from "@playwright/test";
import { e2eEnv } from "./e2e/env";

// Run through `npm run test:e2e` (scripts/e2e.ts), which starts the database, the site and a
// runner and sets E2E_BASE_URL.
export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results/artifacts",
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  // The researcher flow runs first and alone: its submission is evaluated on every published
  // task, so no other test may publish synthetic tasks (without checkpoints) meanwhile.
  projects: [
    { name: "runs", testMatch: /researcher\.spec\.ts/ },
    { name: "browse", testIgnore: /researcher\.spec\.ts/, dependencies: ["runs"] },
  ],
  use: {
    baseURL: e2eEnv.E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: e2eEnv.CHROMIUM_PATH,
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-gpu",
      ],
    },
  },
});
