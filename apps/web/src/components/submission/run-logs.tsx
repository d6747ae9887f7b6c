"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";

/** A run's log lines, fetched when opened and refreshed while the run is live. */
export function RunLogs({
  submissionId,
  runId,
  live,
}: {
  submissionId: string;
  runId: string;
  live: boolean;
}) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const logs = useQuery({
    ...trpc.submission.logs.queryOptions({ id: submissionId, runId, afterId: 0 }),
    enabled: open,
    refetchInterval: open && live ? 2000 : false,
  });
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Logs</summary>
      {logs.isLoading && <p>Loading…</p>}
      {logs.data && logs.data.length === 0 && <p className="muted">No log lines.</p>}
      {logs.data && logs.data.length > 0 && (
        <pre className="logs">{logs.data.map((l) => `[${l.level}] ${l.line}`).join("\n")}</pre>
      )}
    </details>
  );
}
