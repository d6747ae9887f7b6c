import { defineConfig } from "drizzle-kit";

// Migrations are generated from the schema with `npm run db:generate -w @lockpick/db` and committed.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "./migrations",
  casing: "snake_case",
});
