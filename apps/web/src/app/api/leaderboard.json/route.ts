import { getDb } from "~/server/db";
import { getLeaderboardJson } from "~/server/services/leaderboard";
import { parseLeaderboardParams } from "~/server/services/leaderboard/params";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const body = await getLeaderboardJson(await getDb(), parseLeaderboardParams(params));
  return new Response(body, {
    headers: {
      "content-type": "application/json",
      "cache-control": "public, max-age=5, stale-while-revalidate=30",
    },
  });
}
