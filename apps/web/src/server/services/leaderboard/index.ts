// The leaderboard service: cached tables built from run results. The rows are read once per
// cache period and every filter combination is aggregated from that one read.
import { leaderboardRuns, leaderboardVersion, type LeaderboardRun } from "@lockpick/db/queries";
import { env } from "~/env";
import type { Db } from "~/server/db";
import { buildTables, sortRows, type SortKey, type TrackTable } from "./aggregate";

export type { LeaderboardRow, Stat, TrackTable, SortKey } from "./aggregate";

export type LeaderboardQuery = {
  track?: string;
  task?: string;
  sort?: SortKey;
  dir?: "asc" | "desc";
};

export type Leaderboard = {
  generatedAt: string;
  task: string | null;
  tasks: string[];
  tables: TrackTable[];
};

let cached: { checkedAt: number; version: string; rows: Promise<LeaderboardRun[]> } | null = null;
const views = new Map<string, Leaderboard>();

/**
 * Rows are reused without any query for LEADERBOARD_CACHE_SECONDS; after that one cheap
 * fingerprint query decides whether they must be read and aggregated again.
 */
async function rowsFor(db: Db): Promise<{ version: string; rows: LeaderboardRun[] }> {
  const now = Date.now();
  if (cached && now - cached.checkedAt < env.LEADERBOARD_CACHE_SECONDS * 1000) {
    return { version: cached.version, rows: await cached.rows };
  }
  const version = await leaderboardVersion(db);
  if (cached && cached.version === version) {
    cached.checkedAt = now;
    return { version, rows: await cached.rows };
  }
  const rows = leaderboardRuns(db);
  cached = { checkedAt: now, version, rows };
  views.clear();
  rows.catch(() => {
    if (cached?.rows === rows) cached = null;
  });
  return { version, rows: await rows };
}

/** Drops the cache, e.g. after an admin hides a submission. */
export function invalidateLeaderboard(): void {
  cached = null;
  views.clear();
}

export async function getLeaderboard(db: Db, q: LeaderboardQuery = {}): Promise<Leaderboard> {
  const { version, rows } = await rowsFor(db);
  const key = JSON.stringify([version, q.track ?? "", q.task ?? "", q.sort ?? "", q.dir ?? ""]);
  const hit = views.get(key);
  if (hit) return hit;
  const tasks = [...new Set(rows.map((r) => r.task))].sort();
  let tables = buildTables(rows, { task: q.task });
  if (q.track) tables = tables.filter((t) => t.track === q.track);
  if (q.sort) {
    tables = tables.map((t) => ({ ...t, rows: sortRows(t.rows, q.sort!, q.dir ?? "desc") }));
  }
  const board: Leaderboard = {
    generatedAt: new Date().toISOString(),
    task: q.task ?? null,
    tasks,
    tables,
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
