import { getDb } from "~/server/db";
import { getLeaderboard } from "~/server/services/leaderboard";
import { parseLeaderboardParams } from "~/server/services/leaderboard/params";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const board = await getLeaderboard(await getDb(), parseLeaderboardParams(params));
  return Response.json(board, {
    headers: { "cache-control": "public, max-age=5, stale-while-revalidate=30" },
  });
}
