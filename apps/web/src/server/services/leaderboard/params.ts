// The leaderboard's query-string parameters, shared by the page, the exports and tRPC.
import { z } from "zod";
import type { SortKey } from "./aggregate";

export const leaderboardQuery = z.object({
  track: z.string().max(64).optional(),
  task: z.string().max(128).optional(),
  sort: z
    .string()
    .regex(/^(rank|method|score|public|budget:\d+|task:[\w.-]+)$/)
    .transform((s) => s as SortKey)
    .optional(),
  dir: z.enum(["asc", "desc"]).optional(),
  /** Which locks count: "accepted" (the default) or "all" published locks. */
  locks: z.enum(["accepted", "all"]).optional(),
});

/** Parses URL search params leniently: unknown or malformed values are dropped. */
export function parseLeaderboardParams(params: Record<string, string | string[] | undefined>) {
  const pick = (k: string) => {
    const v = params[k];
    return Array.isArray(v) ? v[0] : v || undefined;
  };
  const out: z.infer<typeof leaderboardQuery> = {};
  for (const key of ["track", "task", "sort", "dir", "locks"] as const) {
    const one = leaderboardQuery.shape[key].safeParse(pick(key));
    if (one.success && one.data !== undefined) Object.assign(out, { [key]: one.data });
  }
  return out;
}
