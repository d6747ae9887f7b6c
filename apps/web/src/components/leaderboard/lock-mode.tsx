// Which locks the ranking counts: by default only locks that passed their acceptance checks;
// a link switches to every published lock (including those published over failed checks).
import Link from "next/link";
import type { LockMode, NotAccepted } from "~/server/services/leaderboard";

type Props = {
  locks: LockMode;
  notAccepted: NotAccepted;
  /** Builds the URL for the other mode, keeping the other filters. */
  hrefFor: (params: Record<string, string | undefined>) => string;
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function LockModeNote({ locks, notAccepted, hrefFor }: Props) {
  const counts = `${plural(notAccepted.runs, "run")} on ${plural(notAccepted.locks, "lock")} that failed acceptance`;
  const modes: { mode: LockMode; label: string; href: string }[] = [
    { mode: "accepted", label: "accepted locks only", href: hrefFor({ locks: undefined }) },
    { mode: "all", label: "all published locks", href: hrefFor({ locks: "all" }) },
  ];
  return (
    <div className="lock-mode" data-locks={locks}>
      <p className="muted">
        Counting:{" "}
        {modes.map((m, i) => (
          <span key={m.mode}>
            {i > 0 && " · "}
            {m.mode === locks ? (
              <strong aria-current="true">{m.label}</strong>
            ) : (
              <Link href={m.href}>{m.label}</Link>
            )}
          </span>
        ))}
      </p>
      <p className="muted" data-testid="lock-note">
        {locks === "accepted"
          ? notAccepted.runs > 0
            ? `Locks published over failed acceptance checks are excluded from the ranking by default: ${counts} are not counted.`
            : "Locks published over failed acceptance checks are excluded from the ranking by default (none in this view)."
          : notAccepted.runs > 0
            ? `All published locks count here, including ${counts}; by default locks published over failed acceptance checks are excluded from the ranking.`
            : "All published locks count here; by default locks published over failed acceptance checks are excluded from the ranking (none in this view)."}
      </p>
    </div>
  );
}
