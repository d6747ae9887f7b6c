import { getDb } from "~/server/db";
import { getLeaderboard } from "~/server/services/leaderboard";
import { leaderboardCsv } from "~/server/services/leaderboard/csv";
import { parseLeaderboardParams } from "~/server/services/leaderboard/params";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const board = await getLeaderboard(await getDb(), parseLeaderboardParams(params));
  return new Response(leaderboardCsv(board), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="lockpick-leaderboard.csv"',
      "cache-control": "public, max-age=5, stale-while-revalidate=30",
    },
  });
}
