import type { Stat } from "~/server/services/leaderboard";

/** "42.1 ± 3.0" in percent. */
export function pct(s: Stat | null | undefined): string {
  if (!s) return "—";
  return `${(s.mean * 100).toFixed(1)} ± ${(s.se * 100).toFixed(1)}`;
}

export const TRACK_TITLES: Record<string, string> = {
  demonstrations: "Demonstrations",
  rewards: "Rewards",
  "weak-demonstrations": "Weak demonstrations",
  prompting: "Prompting only",
};

export function trackTitle(track: string): string {
  return TRACK_TITLES[track] ?? track;
}
