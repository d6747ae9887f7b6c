// Databases the suites run against: PGlite always, and the PostgreSQL server of DATABASE_URL when
// it is set (`npm run test:postgres`). Each returns a migrated, open handle.
import { createDb, type DbHandle } from "../client";
import { migrate } from "../migrate";

export type TestDatabase = { name: string; open(): Promise<DbHandle> };

export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [
    {
      name: "pglite",
      async open() {
        const handle = await createDb({ dataDir: "memory" });
        await migrate(handle);
        return handle;
      },
    },
  ];
  const url = process.env.DATABASE_URL;
  if (url) {
    list.push({
      name: "postgres",
      async open() {
        const handle = await createDb({ url, socket: false });
        await migrate(handle);
        return handle;
      },
    });
  }
  return list;
}
