// CSV export of the same data as the JSON export: one line per (track, method, column).
import type { Leaderboard } from "./index";

function cell(v: string | number | boolean | null): string {
  const s = v === null ? "" : String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function leaderboardCsv(board: Leaderboard): string {
  const lines = [
    ["track", "rank", "tied", "method", "author", "builtin", "column", "mean", "se", "n"].join(","),
  ];
  for (const table of board.tables) {
    for (const row of table.rows) {
      const base = [table.track, row.rank, row.tied, row.method, row.author, row.builtin];
      const columns: [string, { mean: number; se: number; n: number } | null | undefined][] = [
        ...table.budgets.map((b): [string, typeof row.score | undefined] => [
          `budget:${b}`,
          row.budgets[b],
        ]),
        ["score", row.score],
        ["public", row.publicScore],
      ];
      for (const [name, s] of columns) {
        if (!s) continue;
        lines.push([...base, name, s.mean.toFixed(6), s.se.toFixed(6), s.n].map(cell).join(","));
      }
    }
  }
  return lines.join("\n") + "\n";
}
