// A PostgreSQL wire-protocol server over one PGlite instance, so several processes can share the
// embedded database (PGlite itself must only ever be opened by one process).
//
// Why not PGLiteSocketServer as is: its multiplexer queues single protocol messages, so with two
// clients the extended-protocol messages of one (Parse, Bind, Execute, Sync) interleave with the
// other's on PGlite's single session ("bind message supplies 2 parameters, but prepared statement
// "" requires 0"). This server reuses its per-connection handler but hands the session to one
// client at a time for a whole cycle: from its first message up to a Sync or simple Query that
// leaves no transaction open. A client that disconnects while holding the session has its cycle
// closed and its transaction rolled back. Clients must send each statement whole in one cycle
// and must not rely on named prepared statements or session settings: node-postgres (and so
// pg-boss) qualifies; postgres.js does not (it describes a statement in one cycle and binds it in
// the next), so createDb connects to this server with node-postgres.
import { createServer, type Server } from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from "@electric-sql/pglite-socket";

type Item = {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: Error) => void;
};

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'
const SYNC_MESSAGE = new Uint8Array([SYNC, 0, 0, 0, 4]);

/** A startup message is untyped: its first int32 is its own length, its second the version. */
function isStartup(m: Uint8Array) {
  if (m.length < 8) return false;
  const view = new DataView(m.buffer, m.byteOffset, m.byteLength);
  return view.getInt32(0) === m.length && view.getInt32(4) === 196608;
}

/** Serializes protocol cycles of many connections onto PGlite's one session. */
export class SessionQueue {
  private items: Item[] = [];
  private owner: number | null = null;
  private pumping = false;
  private readonly closed = new Set<number>();
  private lastOwnerActivity = 0;

  constructor(private readonly pg: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (d: Uint8Array) => void) {
    return new Promise<number>((resolve, reject) => {
      this.items.push({ handlerId, message, onData, resolve, reject });
      void this.pump();
    });
  }

  clearQueueForHandler(handlerId: number) {
    const mine = this.items.filter((i) => i.handlerId === handlerId);
    this.items = this.items.filter((i) => i.handlerId !== handlerId);
    for (const i of mine) i.reject(new Error("connection closed"));
  }

  /** Called when a connection goes away: its open cycle and transaction are closed by the pump. */
  async clearTransactionIfNeeded(handlerId: number) {
    this.closed.add(handlerId);
    await this.pump();
  }

  /** Ends a dead connection's cycle (a Sync) and rolls back what it left open. */
  private async reset() {
    await this.pg.runExclusive(async () => {
      await this.pg.execProtocolRawStream(SYNC_MESSAGE, { onRawData: () => {} });
      if (this.pg.isInTransaction()) await this.pg.exec("ROLLBACK");
    });
    if (this.owner !== null) this.closed.delete(this.owner);
    this.owner = null;
  }

  /**
   * Safety valve: a connection that has held the session idle for `ms` while others wait (a
   * client stuck mid-transaction) loses it: its cycle is synced and its transaction rolled back.
   */
  async expireIdleOwner(ms: number) {
    if (this.owner === null || this.pumping || this.items.length === 0) return;
    if (Date.now() - this.lastOwnerActivity < ms) return;
    console.warn(`pglite server: connection ${this.owner} held the session idle; rolling it back`);
    this.closed.add(this.owner);
    await this.pump();
  }

  private next(): Item | undefined {
    const index = this.owner === null ? 0 : this.items.findIndex((i) => i.handlerId === this.owner);
    return index < 0 ? undefined : this.items.splice(index, 1)[0];
  }

  private async pump() {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        if (this.owner !== null && this.closed.has(this.owner)) await this.reset();
        const item = this.next();
        if (!item) break;
        let bytes = 0;
        try {
          await this.pg.runExclusive(() =>
            this.pg.execProtocolRawStream(item!.message, {
              onRawData: (data) => {
                bytes += data.length;
                item!.onData(data);
              },
            }),
          );
          item.resolve(bytes);
        } catch (error) {
          item.reject(error as Error);
        }
        const type = item.message[0];
        const ends = type === SYNC || type === QUERY || type === TERMINATE;
        // A startup message has no type byte; it never opens a cycle.
        if (isStartup(item.message)) continue;
        this.owner = ends && !this.pg.isInTransaction() ? null : item.handlerId;
        this.lastOwnerActivity = Date.now();
      }
      // Connections that closed while not holding the session need nothing undone.
      for (const id of this.closed) if (id !== this.owner) this.closed.delete(id);
    } finally {
      this.pumping = false;
    }
  }
}

export type PgliteServer = { url: string; port: number; stop(): Promise<void> };

/** Serves `pg` on host:port (port 0 picks a free one) until `stop()`. */
export async function servePglite(
  pg: PGlite,
  { host = "127.0.0.1", port = 0 }: { host?: string; port?: number } = {},
): Promise<PgliteServer> {
  await pg.waitReady;
  const queue = new SessionQueue(pg);
  const handlers = new Set<PGLiteSocketHandler>();
  const server: Server = createServer((socket) => {
    const handler = new PGLiteSocketHandler({
      queryQueue: queue as unknown as PGLiteSocketHandlerOptions["queryQueue"],
      closeOnDetach: true,
    });
    handlers.add(handler);
    const drop = () => handlers.delete(handler);
    handler.addEventListener("close", drop);
    handler.addEventListener("error", drop);
    handler.attach(socket).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const watchdog = setInterval(() => void queue.expireIdleOwner(10_000), 1000);
  watchdog.unref();
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return {
    port: actualPort,
    url: `postgres://postgres:postgres@${host}:${actualPort}/postgres`,
    async stop() {
      clearInterval(watchdog);
      for (const h of handlers) await h.detach(true);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
