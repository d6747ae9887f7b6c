import type { SubmissionView } from "~/server/services/submissions";

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** The dry run the submission passed before it was stored: what ran, and how it ended. */
export function DryRunFact({
  dryRun,
  builtin,
}: {
  dryRun: SubmissionView["dryRun"];
  builtin: boolean;
}) {
  if (!dryRun) {
    return <dd className="muted">{builtin ? "none (built-in baseline)" : "not recorded"}</dd>;
  }
  // "program-synthesis / ft-default (lines 1)": the task config only when not the default.
  const name = [dryRun.task, dryRun.lock].filter(Boolean).join(" / ");
  const model = name && dryRun.configNote ? `${name} (${dryRun.configNote})` : name;
  const what = [
    model && `on ${model}`,
    dryRun.budget !== null && `budget ${dryRun.budget}`,
    dryRun.seconds !== null && `${dryRun.seconds.toFixed(1)} s`,
    dryRun.correctness !== null &&
      `correctness ${pct(dryRun.correctness)}${dryRun.problems ? ` on ${dryRun.problems} problems` : ""}`,
  ].filter(Boolean);
  return (
    <dd data-testid="dry-run">
      <span className={`badge ${dryRun.ok ? "good" : "bad"}`}>
        {dryRun.ok ? "passed" : "refused"}
      </span>{" "}
      {[dryRun.outcome, ...what].join(" · ")}
      {dryRun.error && (
        <details>
          <summary>{dryRun.ok ? "Ended by" : "Error"}</summary>
          <pre className="stack">{dryRun.error}</pre>
        </details>
      )}
    </dd>
  );
}
