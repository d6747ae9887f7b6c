// The leaderboard service: cached tables built from run results. The rows are read once per
// cache period and every filter combination is aggregated from that one read. By default only
// runs on locks that passed their acceptance checks count (`locks: "all"` counts every
// published lock, including those an admin published over failed checks).
import { leaderboardRuns, leaderboardVersion, type LeaderboardRun } from "@lockpick/db/queries";
import { env } from "~/env";
import type { Db } from "~/server/db";
import { lockAcceptance } from "../catalog/lock-acceptance";
import {
  buildTables,
  countedRuns,
  sortRows,
  type LockMode,
  type NotAccepted,
  type SortKey,
  type TrackTable,
} from "./aggregate";

export type { LeaderboardRow, LockMode, NotAccepted, Stat, TrackTable, SortKey } from "./aggregate";

export type LeaderboardQuery = {
  track?: string;
  task?: string;
  sort?: SortKey;
  dir?: "asc" | "desc";
  /** "accepted" (default): only runs on locks that passed acceptance count; "all": every lock. */
  locks?: LockMode;
};

export type Leaderboard = {
  generatedAt: string;
  task: string | null;
  tasks: string[];
  tables: TrackTable[];
  /** Which locks this view counts. */
  locks: LockMode;
  /**
   * Runs in this view (task and track filters applied) on published locks that did not pass
   * acceptance, and how many such locks: left out of every table when `locks` is "accepted",
   * counted when it is "all".
   */
  notAccepted: NotAccepted;
};

/** The rows of one read, with the ids of the locks among them that passed acceptance. */
type Read = { rows: LeaderboardRun[]; accepted: Set<string> };

let cached: { checkedAt: number; version: string; rows: Promise<Read> } | null = null;
const views = new Map<string, Leaderboard>();

/**
 * Rows are reused without any query for LEADERBOARD_CACHE_SECONDS; after that one cheap
 * fingerprint query decides whether they must be read and aggregated again.
 */
async function rowsFor(db: Db): Promise<{ version: string } & Read> {
  const now = Date.now();
  if (cached && now - cached.checkedAt < env.LEADERBOARD_CACHE_SECONDS * 1000) {
    return { version: cached.version, ...(await cached.rows) };
  }
  const version = await leaderboardVersion(db);
  if (cached && cached.version === version) {
    cached.checkedAt = now;
    return { version, ...(await cached.rows) };
  }
  const rows = readRows(db);
  cached = { checkedAt: now, version, rows };
  views.clear();
  rows.catch(() => {
    if (cached?.rows === rows) cached = null;
  });
  return { version, ...(await rows) };
}

/** Reads the rows and decides each lock's verdict once, by the catalog's acceptance rule. */
async function readRows(db: Db): Promise<Read> {
  const rows = await leaderboardRuns(db);
  const seen = new Set<string>();
  const accepted = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.lockedModelId)) continue;
    seen.add(r.lockedModelId);
    if (lockAcceptance({ acceptance: r.lockAcceptance }).accepted) accepted.add(r.lockedModelId);
  }
  return { rows, accepted };
}

/** Drops the cache, e.g. after an admin hides a submission. */
export function invalidateLeaderboard(): void {
  cached = null;
  views.clear();
}

export async function getLeaderboard(db: Db, q: LeaderboardQuery = {}): Promise<Leaderboard> {
  const { version, rows, accepted } = await rowsFor(db);
  const locks = q.locks ?? "accepted";
  const key = JSON.stringify([
    version,
    locks,
    q.track ?? "",
    q.task ?? "",
    q.sort ?? "",
    q.dir ?? "",
  ]);
  const hit = views.get(key);
  if (hit) return hit;
  const isAccepted = (r: LeaderboardRun) => accepted.has(r.lockedModelId);
  const { counted } = countedRuns(rows, locks, isAccepted);
  const inView = rows.filter(
    (r) => (!q.task || r.task === q.task) && (!q.track || r.track === q.track),
  );
  const { notAccepted } = countedRuns(inView, locks, isAccepted);
  const tasks = [...new Set(counted.map((r) => r.task))].sort();
  let tables = buildTables(counted, { task: q.task });
  if (q.track) tables = tables.filter((t) => t.track === q.track);
  if (q.sort) {
    tables = tables.map((t) => ({ ...t, rows: sortRows(t.rows, q.sort!, q.dir ?? "desc") }));
  }
  const board: Leaderboard = {
    generatedAt: new Date().toISOString(),
    task: q.task ?? null,
    tasks,
    tables,
    locks,
    notAccepted,
  };
  if (views.size > 500) views.clear();
  views.set(key, board);
  return board;
}

const serialized = new WeakMap<Leaderboard, string>();

/** The JSON export's body, serialized once per cached leaderboard view. */
export async function getLeaderboardJson(db: Db, q: LeaderboardQuery = {}): Promise<string> {
  const board = await getLeaderboard(db, q);
  let text = serialized.get(board);
  if (!text) {
    text = JSON.stringify(board);
    serialized.set(board, text);
  }
  return text;
}
