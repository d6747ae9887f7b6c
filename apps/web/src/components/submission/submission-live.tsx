"use client";
// The live part of a method page: status, progress (phase, percent, ETA), per-budget results
// and per-run rows. Polls while the submission is still pending, queued or running.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { RouterOutputs } from "~/server/routers/root";
import { useTRPC } from "~/trpc/react";
import { CurveChart } from "./curve-chart";
import { RunLogs } from "./run-logs";

type View = NonNullable<RouterOutputs["submission"]["byId"]>;

const ACTIVE = ["pending", "queued", "running"];

function eta(seconds: number | null) {
  if (!seconds) return "—";
  if (seconds < 90) return `${Math.round(seconds)} s`;
  return `${Math.round(seconds / 60)} min`;
}

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? "—" : `${(v * 100).toFixed(1)}%`;

export function SubmissionLive({ initial }: { initial: View }) {
  const trpc = useTRPC();
  const router = useRouter();
  const query = useQuery({
    ...trpc.submission.byId.queryOptions({ id: initial.id }),
    initialData: initial,
    refetchInterval: (q) => (q.state.data && ACTIVE.includes(q.state.data.status) ? 1500 : false),
  });
  const cancel = useMutation(trpc.submission.cancel.mutationOptions());
  const view = query.data ?? initial;
  const active = ACTIVE.includes(view.status);
  const phase =
    view.status === "pending" ? "waiting for a runner" : (view.progress.phase ?? view.status);
  return (
    <>
      <section aria-labelledby="status">
        <h2 id="status">Status</h2>
        <p>
          <span className="badge" data-testid="submission-status">
            {view.status}
          </span>{" "}
          {active && (
            <>
              {phase} · {view.progress.finished}/{view.progress.total} runs · ETA{" "}
              {eta(view.progress.etaSeconds)}
            </>
          )}
        </p>
        {active && (
          <progress
            className="progress"
            max={100}
            value={view.progress.percent}
            aria-label="Progress"
          >
            {view.progress.percent.toFixed(0)}%
          </progress>
        )}
        {view.error && (
          <p className="error" role="alert">
            {view.error}
          </p>
        )}
        {view.canCancel && (
          <button
            type="button"
            className="danger"
            disabled={cancel.isPending}
            onClick={async () => {
              await cancel.mutateAsync({ id: view.id });
              await query.refetch();
              router.refresh();
            }}
          >
            Cancel submission
          </button>
        )}
      </section>
      {view.budgets.length > 0 && (
        <section aria-labelledby="results">
          <h2 id="results">Recovery by budget (private models)</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Budget</th>
                <th scope="col">Recovery (mean ± s.e.)</th>
                <th scope="col">Runs</th>
              </tr>
            </thead>
            <tbody>
              {view.budgets.map((b) => (
                <tr key={b.budget}>
                  <td>{b.budget}</td>
                  <td className="num">
                    {(b.mean * 100).toFixed(1)} ± {(b.se * 100).toFixed(1)}
                  </td>
                  <td className="num">{b.n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section aria-labelledby="runs">
        <h2 id="runs">Runs</h2>
        {view.runs.length === 0 && <p className="muted">No runs yet.</p>}
        {view.runs.map((r) => (
          <details key={r.id} className="run" data-status={r.status}>
            <summary>
              {r.task} · {r.model} ({r.modelVisibility}) · budget {r.budget} · seed {r.seed} —{" "}
              <strong>{r.status}</strong>
              {r.status === "running" &&
                r.percent !== null &&
                ` ${r.percent.toFixed(0)}% (${r.phase ?? ""})`}
              {r.recovery !== null &&
                ` · recovery ${pct(r.recovery)} · correctness ${pct(r.correctness)}`}
            </summary>
            {r.failureReason && (
              <p className="error stack">
                {r.errorKind}: {r.failureReason}
              </p>
            )}
            {r.curves && Object.keys(r.curves).length > 0 && (
              <section className="curves" aria-label="Learning curves">
                <h3>Learning curves</h3>
                <p className="muted">x: seconds since the method started eliciting</p>
                {Object.entries(r.curves).map(([name, series]) => (
                  <CurveChart key={name} name={name} series={series} />
                ))}
              </section>
            )}
            {r.spentBudget && (
              <p>
                Spent:{" "}
                {Object.entries(r.spentBudget)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(", ")}
              </p>
            )}
            {r.reproducibility && (
              <details>
                <summary>Reproducibility record</summary>
                <pre>{JSON.stringify(r.reproducibility, null, 2)}</pre>
              </details>
            )}
            <RunLogs submissionId={view.id} runId={r.id} live={r.status === "running"} />
          </details>
        ))}
      </section>
    </>
  );
}
