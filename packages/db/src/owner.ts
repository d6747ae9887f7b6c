// The process that owns the embedded database: opens PGlite, migrates it, and serves it to other
// processes (runner, web) over a local socket.
import { createDb, type CreateDbOptions, type DbHandle } from "./client";
import { readDbEnv } from "./env";
import { migrate } from "./migrate";
import { servePglite } from "./pglite-server";

export type DbOwner = {
  handle: DbHandle;
  /** postgres:// URL of the socket server: hand it to other processes as LOCKPICK_DB_SOCKET. */
  url: string;
  stop(): Promise<void>;
};

export async function startDbOwner(
  options: { dataDir?: string; port?: number; env?: CreateDbOptions["env"] } = {},
): Promise<DbOwner> {
  const env = options.env ?? readDbEnv();
  const handle = await createDb({ dataDir: options.dataDir ?? env.pgliteDir, env });
  try {
    await migrate(handle);
    const server = await servePglite(handle.pglite!, {
      port: options.port ?? env.LOCKPICK_DB_PORT,
    });
    // This process's own queries queue for PGlite's one session like every other client's: run
    // straight on PGlite they could land inside a socket client's open transaction, see its
    // uncommitted rows (a run "succeeded" without its result) or be rolled back with it.
    const queued = await createDb({ url: server.url, socket: true, env }).catch(async (e) => {
      await server.stop();
      throw e;
    });
    return {
      handle: queued,
      url: server.url,
      async stop() {
        await queued.close();
        await server.stop();
        await handle.close();
      },
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
