// One lint setup for the whole workspace. The layer rules make the intended architecture
// (docs/architecture.md) checkable: see `layer` below.
import tseslint from "typescript-eslint";

/** Forbid imports of the given module patterns in files matching `files`. */
const layer = (files, patterns, message) => ({
  files,
  rules: {
    "no-restricted-imports": ["error", { patterns: [{ group: patterns, message }] }],
  },
});

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/.next/**",
      ".lockpick/**",
      "**/next-env.d.ts",
      "packages/bench/native/build/**",
      "**/*.generated.*",
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  // Settings come from one zod-validated env module per app/package.
  {
    files: ["apps/**/*.ts", "apps/**/*.tsx", "packages/**/*.ts"],
    ignores: ["**/env.ts", "**/*.test.ts", "**/test/**", "**/bench/**/*.bench.ts", "scripts/**"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read settings through env.ts." },
      ],
    },
  },
  layer(
    ["packages/bench/src/engine/**"],
    ["@lockpick/db", "@lockpick/db/*", "@lockpick/tasks", "**/harness/**", "**/lock/**"],
    "The engine knows no database, tasks or harness.",
  ),
  layer(
    ["packages/tasks/**"],
    ["@lockpick/bench", "@lockpick/bench/*", "@lockpick/db", "@lockpick/db/*", "@tensorflow/*"],
    "Tasks are pure data and evaluators.",
  ),
  layer(
    ["packages/bench/src/methods/**"],
    ["@lockpick/*", "!@lockpick/sdk", "../*"],
    "Built-in methods are plugins: they import only @lockpick/sdk.",
  ),
  layer(
    ["packages/sdk/**"],
    ["@lockpick/*", "@tensorflow/*"],
    "The SDK is types and defineMethod only.",
  ),
  layer(
    ["apps/web/**"],
    ["@lockpick/bench/engine", "@lockpick/bench/lock", "@tensorflow/*"],
    "No training inside the web process.",
  ),
  // The runner's enqueue client and job definitions are what the web bundles: no handler,
  // executor, worker, harness or engine code may enter them (handlers load via jobs/handlers.ts).
  {
    files: ["apps/runner/src/client.ts", "apps/runner/src/jobs/*.ts", "apps/runner/src/queue/*.ts"],
    ignores: ["**/*.handler.ts", "**/jobs/handlers.ts", "**/track-grid.ts", "**/run-reporter.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@lockpick/bench", "@lockpick/bench/*", "@tensorflow/*", "**/*.handler"],
              message: "Enqueue-only processes (the web) load this: no handler or engine code.",
            },
            {
              group: ["../executors/*", "../worker/*"],
              allowTypeImports: true,
              message: "Enqueue-only processes (the web) load this: types only from here.",
            },
          ],
        },
      ],
    },
  },
  layer(
    ["packages/db/**"],
    ["@lockpick/web", "@lockpick/runner", "@lockpick/bench", "@lockpick/bench/*"],
    "Lower layers never import upward.",
  ),
);
