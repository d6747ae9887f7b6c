import Link from "next/link";
import { LeaderboardTable } from "~/components/leaderboard/leaderboard-table";
import { LockModeNote } from "~/components/leaderboard/lock-mode";
import { RecoveryChart } from "~/components/leaderboard/recovery-chart";
import { trackTitle } from "~/components/leaderboard/format";
import { getDb } from "~/server/db";
import { getLeaderboard } from "~/server/services/leaderboard";
import { parseLeaderboardParams } from "~/server/services/leaderboard/params";

export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

export default async function LeaderboardPage(props: { searchParams: Promise<SearchParams> }) {
  const raw = await props.searchParams;
  const q = parseLeaderboardParams(raw);
  const view = raw.view === "tasks" ? "tasks" : "budgets";
  const board = await getLeaderboard(await getDb(), q);
  const current: Record<string, string | undefined> = {
    track: q.track,
    task: q.task,
    sort: q.sort,
    dir: q.dir,
    view: view === "tasks" ? "tasks" : undefined,
    locks: board.locks === "all" ? "all" : undefined,
  };
  const hrefFor = (change: Record<string, string | undefined>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...current, ...change })) if (v) params.set(k, v);
    const s = params.toString();
    return s ? `/?${s}` : "/";
  };
  const exportQuery = new URLSearchParams(
    Object.entries({ track: q.track, task: q.task, locks: current.locks }).filter(
      (e): e is [string, string] => !!e[1],
    ),
  ).toString();
  return (
    <>
      <h1>Leaderboard</h1>
      <p className="lede">
        How much of a password-locked model&apos;s hidden capability each elicitation method
        recovers, on held-out private models, under fixed budgets.{" "}
        <Link href="/docs#scoring">How scores are computed</Link>.
      </p>
      <form className="filters" method="get" action="/">
        <label htmlFor="filter-task">Task</label>
        <select id="filter-task" name="task" defaultValue={q.task ?? ""}>
          <option value="">All tasks</option>
          {board.tasks.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <label htmlFor="filter-view">Columns</label>
        <select id="filter-view" name="view" defaultValue={view}>
          <option value="budgets">per budget</option>
          <option value="tasks">per task</option>
        </select>
        {q.track && <input type="hidden" name="track" value={q.track} />}
        {current.locks && <input type="hidden" name="locks" value={current.locks} />}
        <button type="submit">Apply</button>
        <span className="exports">
          Export: <a href={`/api/leaderboard.json${exportQuery ? `?${exportQuery}` : ""}`}>JSON</a>{" "}
          · <a href={`/api/leaderboard.csv${exportQuery ? `?${exportQuery}` : ""}`}>CSV</a>
        </span>
      </form>
      <LockModeNote locks={board.locks} notAccepted={board.notAccepted} hrefFor={hrefFor} />
      {board.tables.length === 0 && (
        <p className="empty">
          {board.locks === "accepted" && board.notAccepted.runs > 0
            ? "No finished runs on accepted locks yet."
            : "No finished runs yet."}{" "}
          Results appear here as runners finish them.
        </p>
      )}
      {board.tables.map((table) => (
        <section key={table.track} aria-labelledby={`track-${table.track}`}>
          <h2 id={`track-${table.track}`}>
            <Link href={hrefFor({ track: table.track })}>{trackTitle(table.track)}</Link>
          </h2>
          <LeaderboardTable table={table} view={view} sort={q.sort} dir={q.dir} hrefFor={hrefFor} />
          <RecoveryChart table={table} />
        </section>
      ))}
    </>
  );
}
