// One database connection per server process, opened on first use. Under `npm start` (and the
// e2e suite) LOCKPICK_DB_SOCKET points at the process owning the embedded database; with
// DATABASE_URL it is a real PostgreSQL server (see @lockpick/db/client).
import { createDb, type Database, type DbHandle } from "@lockpick/db/client";

export type Db = Database;

let handle: Promise<DbHandle> | undefined;

export function getDb(): Promise<Db> {
  if (!handle) {
    handle = createDb();
    handle.catch(() => {
      handle = undefined;
    });
  }
  return handle.then((h) => h.db);
}
