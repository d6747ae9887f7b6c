// Pure leaderboard arithmetic: run recoveries in, tables out. Kept free of the database (rows
// come from `leaderboardRuns` of @lockpick/db) so it can be tested on hand-made rows.
import type { LeaderboardRun } from "@lockpick/db/queries";

export type Stat = { mean: number; se: number; n: number };

export type LeaderboardRow = {
  submissionId: string;
  method: string;
  author: string | null;
  builtin: boolean;
  /** 1-based rank; methods whose intervals overlap share the rank of the group's first. */
  rank: number;
  tied: boolean;
  /** Recovery per budget (keys are budgets as strings), over private models. */
  budgets: Record<string, Stat>;
  /** Mean over budgets of the per-budget means: the ranking score (private models). */
  score: Stat | null;
  /** The same score computed on public models, shown beside it. */
  publicScore: Stat | null;
  /** Aggregate score per task (private models), for the per-task view. */
  tasks: Record<string, Stat>;
};

export type TrackTable = {
  track: string;
  budgets: number[];
  tasks: string[];
  rows: LeaderboardRow[];
};

export function stat(values: number[]): Stat {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(n, 1);
  if (n < 2) return { mean, se: 0, n };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n), n };
}

/** Mean of independent means; its standard error combines theirs. */
export function meanOfStats(stats: Stat[]): Stat | null {
  if (stats.length === 0) return null;
  const k = stats.length;
  const mean = stats.reduce((a, s) => a + s.mean, 0) / k;
  const se = Math.sqrt(stats.reduce((a, s) => a + s.se ** 2, 0)) / k;
  return { mean, se, n: stats.reduce((a, s) => a + s.n, 0) };
}

/**
 * Which runs count: "accepted" (the default) only runs on locks that passed their acceptance
 * checks; "all" every published lock, including those published over failed checks.
 */
export type LockMode = "accepted" | "all";

/** Runs on locks that failed acceptance (or have no verdict), and how many such locks. */
export type NotAccepted = { runs: number; locks: number };

/**
 * Splits off the runs on locks that did not pass acceptance (`accepted` decides per run): in
 * "accepted" mode they are left out of what is counted, in "all" mode they stay in. Either way
 * they are counted in `notAccepted`.
 */
export function countedRuns<R extends LeaderboardRun>(
  rows: R[],
  mode: LockMode,
  accepted: (row: R) => boolean,
): { counted: R[]; notAccepted: NotAccepted } {
  const counted: R[] = [];
  const locks = new Set<string>();
  let runs = 0;
  for (const row of rows) {
    if (accepted(row)) {
      counted.push(row);
      continue;
    }
    runs += 1;
    locks.add(row.lockedModelId);
    if (mode === "all") counted.push(row);
  }
  return { counted, notAccepted: { runs, locks: locks.size } };
}

function group<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function perBudget(rows: LeaderboardRun[]): Record<string, Stat> {
  const out: Record<string, Stat> = {};
  for (const [budget, list] of group(rows, (r) => String(r.budget))) {
    out[budget] = stat(list.map((r) => r.recovery));
  }
  return out;
}

function scoreOf(rows: LeaderboardRun[]): Stat | null {
  return meanOfStats(Object.values(perBudget(rows)));
}

/** Assigns ranks so that a method whose interval overlaps the group leader's is a tie. */
export function rankWithTies(rows: LeaderboardRow[]): LeaderboardRow[] {
  const sorted = [...rows].sort(
    (a, b) => (b.score?.mean ?? -Infinity) - (a.score?.mean ?? -Infinity),
  );
  let leader: LeaderboardRow | undefined;
  sorted.forEach((row, i) => {
    const overlaps =
      leader?.score &&
      row.score &&
      row.score.mean + row.score.se >= leader.score.mean - leader.score.se;
    if (leader && overlaps) {
      row.rank = leader.rank;
      row.tied = true;
      leader.tied = true;
    } else {
      row.rank = i + 1;
      row.tied = false;
      leader = row;
    }
  });
  return sorted;
}

/** Builds one table per track from finished runs. */
export function buildTables(rows: LeaderboardRun[], opts: { task?: string } = {}): TrackTable[] {
  const filtered = opts.task ? rows.filter((r) => r.task === opts.task) : rows;
  const tables: TrackTable[] = [];
  for (const [track, trackRows] of group(filtered, (r) => r.track)) {
    const budgets = [...new Set(trackRows.map((r) => r.budget))].sort((a, b) => a - b);
    const tasks = [...new Set(trackRows.map((r) => r.task))].sort();
    const methods: LeaderboardRow[] = [];
    for (const [submissionId, list] of group(trackRows, (r) => r.submissionId)) {
      const first = list[0]!;
      const priv = list.filter((r) => r.modelVisibility === "private");
      const pub = list.filter((r) => r.modelVisibility === "public");
      const tasksStats: Record<string, Stat> = {};
      for (const [task, taskRows] of group(priv, (r) => r.task)) {
        const s = scoreOf(taskRows);
        if (s) tasksStats[task] = s;
      }
      methods.push({
        submissionId,
        method: first.method,
        author: first.author,
        builtin: first.builtin,
        rank: 0,
        tied: false,
        budgets: perBudget(priv),
        score: scoreOf(priv),
        publicScore: scoreOf(pub),
        tasks: tasksStats,
      });
    }
    tables.push({ track, budgets, tasks, rows: rankWithTies(methods) });
  }
  return tables.sort((a, b) => trackOrder(a.track) - trackOrder(b.track));
}

const TRACKS = ["demonstrations", "rewards", "weak-demonstrations", "prompting"];
function trackOrder(track: string): number {
  const i = TRACKS.indexOf(track);
  return i === -1 ? TRACKS.length : i;
}

export type SortKey =
  "rank" | "method" | "score" | "public" | `budget:${number}` | `task:${string}`;

/** Orders rows by a column for display; ranks stay as computed. */
export function sortRows(
  rows: LeaderboardRow[],
  key: SortKey,
  dir: "asc" | "desc",
): LeaderboardRow[] {
  const value = (r: LeaderboardRow): number | string => {
    if (key === "rank") return r.rank;
    if (key === "method") return r.method.toLowerCase();
    if (key === "score") return r.score?.mean ?? -Infinity;
    if (key === "public") return r.publicScore?.mean ?? -Infinity;
    if (key.startsWith("budget:")) return r.budgets[key.slice(7)]?.mean ?? -Infinity;
    return r.tasks[key.slice(5)]?.mean ?? -Infinity;
  };
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    return (va < vb ? -1 : va > vb ? 1 : 0) * sign;
  });
}
