// One client factory for every process: embedded PGlite (the owning process), a PGlite owned by
// another process reached through its socket server, or a real PostgreSQL server.
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import pg from "pg";
import postgres from "postgres";
import { readDbEnv, type DbEnv } from "./env";
import { acquireDirLock } from "./dir-lock";
import * as schema from "./schema/index";

export type Schema = typeof schema;
/** The drizzle database every query function takes, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export type DbHandle = {
  db: Database;
  kind: "pglite" | "postgres" | "pglite-socket";
  /** The PGlite instance when this process owns the embedded database. */
  pglite?: PGlite;
  /** The connection URL, when there is one (not for an in-process PGlite). */
  url?: string;
  close(): Promise<void>;
};

export type CreateDbOptions = {
  /** A PostgreSQL URL (overrides the environment). */
  url?: string;
  /** The URL is a PGlite socket server (see pglite-server.ts): connect with node-postgres. */
  socket?: boolean;
  /** Open PGlite here ("memory" for an in-memory database) instead of following the env. */
  dataDir?: string;
  /** Connection pool size for postgres.js. */
  max?: number;
  env?: DbEnv;
};

const drizzleOptions = { schema, casing: "snake_case" } as const;

export function postgresClient(url: string, { max = 10 } = {}) {
  return postgres(url, { max, onnotice: () => {}, idle_timeout: 30 });
}

/**
 * A pool for the embedded database's socket server. node-postgres, not postgres.js: postgres.js
 * describes an unnamed statement in one protocol cycle and binds it in the next, and another
 * client's statement can land in between on PGlite's single session; node-postgres sends parse,
 * bind and execute in one cycle (as pg-boss does).
 */
export function socketPool(url: string, { max = 4 } = {}) {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
  // An idle connection dropped by the server is replaced on the next query; don't crash.
  pool.on("error", (error) => console.error(`database pool: ${error.message}`));
  return pool;
}

/**
 * Opens the database the environment describes: DATABASE_URL → PostgreSQL; LOCKPICK_DB_SOCKET →
 * the embedded database of the owning process; otherwise PGlite in `$LOCKPICK_HOME/db`, which
 * makes this process its owner (a second owner is refused, see dir-lock.ts).
 */
export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  const env = options.env ?? readDbEnv();
  const url =
    options.url ?? (options.dataDir ? undefined : (env.DATABASE_URL ?? env.LOCKPICK_DB_SOCKET));
  if (url) {
    const socket = options.socket ?? (!options.url && !env.DATABASE_URL);
    if (socket) {
      const pool = socketPool(url, { max: options.max ?? 4 });
      return {
        db: drizzleNodePg(pool, drizzleOptions) as unknown as Database,
        kind: "pglite-socket",
        url,
        close: () => pool.end(),
      };
    }
    const client = postgresClient(url, { max: options.max ?? 10 });
    return {
      db: drizzlePostgres(client, drizzleOptions) as unknown as Database,
      kind: "postgres",
      url,
      close: () => client.end({ timeout: 5 }),
    };
  }
  const dataDir = options.dataDir ?? env.pgliteDir;
  let release = async () => {};
  let pglite: PGlite;
  if (dataDir === "memory") {
    pglite = await PGlite.create();
  } else {
    mkdirSync(dataDir, { recursive: true });
    release = acquireDirLock(dataDir);
    try {
      pglite = await PGlite.create(dataDir);
    } catch (error) {
      await release();
      throw error;
    }
  }
  return {
    db: drizzlePglite(pglite, drizzleOptions) as unknown as Database,
    kind: "pglite",
    pglite,
    async close() {
      await pglite.close();
      await release();
    },
  };
}
