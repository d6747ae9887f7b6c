// Plain anchors rather than next/link: a table of hundreds of links stays pure server HTML
// (no client component per cell), which keeps the page cheap to render and to hydrate.
import type { LeaderboardRow, TrackTable } from "~/server/services/leaderboard";
import { pct, trackTitle } from "./format";

type Props = {
  table: TrackTable;
  view: "budgets" | "tasks";
  sort?: string;
  dir?: "asc" | "desc";
  /** Builds the URL for a sort column, keeping the other filters. */
  hrefFor: (params: Record<string, string | undefined>) => string;
};

function SortHeader(props: {
  label: string;
  column: string;
  sort?: string;
  dir?: "asc" | "desc";
  hrefFor: Props["hrefFor"];
}) {
  const active = props.sort === props.column;
  const nextDir = active && props.dir !== "asc" ? "asc" : "desc";
  const ariaSort = active ? (props.dir === "asc" ? "ascending" : "descending") : "none";
  return (
    <th scope="col" aria-sort={ariaSort}>
      <a href={props.hrefFor({ sort: props.column, dir: nextDir })}>
        {props.label}
        {active ? (props.dir === "asc" ? " ▲" : " ▼") : ""}
      </a>
    </th>
  );
}

function MethodCell({ row }: { row: LeaderboardRow }) {
  return (
    <th scope="row">
      <a href={`/submissions/${row.submissionId}`}>{row.method}</a>
      {row.builtin && <span className="badge">baseline</span>}
      {row.author && <span className="muted"> by {row.author}</span>}
    </th>
  );
}

export function LeaderboardTable({ table, view, sort, dir, hrefFor }: Props) {
  const columns =
    view === "tasks"
      ? table.tasks.map((t) => ({ key: `task:${t}`, label: t }))
      : table.budgets.map((b) => ({ key: `budget:${b}`, label: String(b) }));
  const cellFor = (row: LeaderboardRow, key: string) =>
    key.startsWith("task:") ? row.tasks[key.slice(5)] : row.budgets[key.slice(7)];
  return (
    <div className="table-wrap">
      <table className="leaderboard" data-track={table.track}>
        <caption>
          {trackTitle(table.track)} track — recovery % (mean ± s.e.){" "}
          {view === "tasks" ? "per task" : "per budget"}, private models; ties share a rank
        </caption>
        <thead>
          <tr>
            <SortHeader label="Rank" column="rank" sort={sort} dir={dir} hrefFor={hrefFor} />
            <SortHeader label="Method" column="method" sort={sort} dir={dir} hrefFor={hrefFor} />
            {columns.map((c) => (
              <SortHeader
                key={c.key}
                label={c.label}
                column={c.key}
                sort={sort}
                dir={dir}
                hrefFor={hrefFor}
              />
            ))}
            <SortHeader label="Score" column="score" sort={sort} dir={dir} hrefFor={hrefFor} />
            <SortHeader
              label="Public models"
              column="public"
              sort={sort}
              dir={dir}
              hrefFor={hrefFor}
            />
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.submissionId} className={row.builtin ? "builtin" : undefined}>
              <td>
                {row.tied ? `=${row.rank}` : row.rank}
                {row.tied && <span className="sr-only"> (tied)</span>}
              </td>
              <MethodCell row={row} />
              {columns.map((c) => (
                <td key={c.key} className="num">
                  {pct(cellFor(row, c.key))}
                </td>
              ))}
              <td className="num strong">{pct(row.score)}</td>
              <td className="num">{pct(row.publicScore)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
