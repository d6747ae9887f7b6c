// Database settings, read once from the environment.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

const schema = z.object({
  /** A real PostgreSQL server; when set, PGlite is not used at all. */
  DATABASE_URL: z.string().min(1).optional(),
  /** URL of the socket server of the process that owns the embedded database. */
  LOCKPICK_DB_SOCKET: z.string().min(1).optional(),
  /** Where all embedded state lives (default: `.lockpick/` in the repository). */
  LOCKPICK_HOME: z.string().min(1).optional(),
  /** Port for the embedded database's socket server (default: a free one). */
  LOCKPICK_DB_PORT: z.coerce.number().int().min(0).max(65535).optional(),
});

export type DbEnv = z.infer<typeof schema> & { home: string; pgliteDir: string };

export function readDbEnv(source: Record<string, string | undefined> = process.env): DbEnv {
  const parsed = schema.parse(
    Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== "")),
  );
  const home = resolve(parsed.LOCKPICK_HOME ?? join(repoRoot, ".lockpick"));
  return { ...parsed, home, pgliteDir: join(home, "db") };
}
