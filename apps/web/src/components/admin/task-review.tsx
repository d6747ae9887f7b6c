"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";

/**
 * Watches a task's lock build (phase, percent, log, error); once it is under review, shows each
 * model's lock report and verdict with Publish / Reject. A model whose report failed its
 * acceptance checks is published only with a reason, which is recorded and shown with it.
 */
export function TaskReview({ id }: { id: string }) {
  const trpc = useTRPC();
  const detail = useQuery({
    ...trpc.admin.task.queryOptions({ id }),
    // A failed build goes back to draft and is retried by the queue: keep following it.
    refetchInterval: (q) =>
      ["building", "draft"].includes(q.state.data?.task.status ?? "") ? 2000 : false,
  });
  const review = useMutation(trpc.admin.reviewTask.mutationOptions());
  const [overrideReason, setOverrideReason] = useState("");
  if (detail.isLoading) return <p>Loading…</p>;
  if (!detail.data) return <p>No such task.</p>;
  const { task, models } = detail.data;
  const progress = task.buildProgress;
  const failing = models.filter((m) => m.status === "review" && !m.acceptance.accepted);
  async function decide(decision: "published" | "rejected", reason?: string) {
    await review
      .mutateAsync({ id: task.id, decision, overrideReason: reason })
      .then(() => detail.refetch())
      .catch(() => {}); // the error is shown from review.error
  }
  return (
    <>
      <h1>{task.title}</h1>
      <p>
        Status:{" "}
        <span className="badge" data-testid="task-status">
          {task.status}
        </span>{" "}
        · family {task.familyId} · slug {task.slug}
      </p>
      {task.status === "building" && (
        <div role="status">
          <p data-testid="build-phase">
            Building locked models: {progress?.phase ?? "queued, waiting for a runner"}
            {typeof progress?.percent === "number" && ` · ${progress.percent}%`}
          </p>
          <progress
            className="progress"
            max={100}
            value={progress?.percent ?? 0}
            aria-label="Build progress"
          />
        </div>
      )}
      {task.buildError && (
        <p className="error" role="alert">
          Last build error: {task.buildError}
        </p>
      )}
      {(progress?.log?.length ?? 0) > 0 && (
        <details open={task.status === "building"}>
          <summary>Build log</summary>
          <pre data-testid="build-log">{progress!.log!.join("\n")}</pre>
        </details>
      )}
      <h2>Locked models</h2>
      {models.length === 0 && <p className="muted">None yet.</p>}
      {models.map((m) => (
        <article key={m.id} className="card" data-testid={`review-${m.name}`}>
          <h3>
            {m.name} <span className="badge">{m.visibility}</span>{" "}
            <span className="badge">{m.status}</span>
          </h3>
          <p>
            Recipe <code>{String((m.recipe as { name?: unknown }).name ?? "—")}</code> · SHA-256{" "}
            <code>{m.checkpointSha256 ?? "—"}</code>
          </p>
          <p data-testid="acceptance">
            Lock acceptance:{" "}
            {m.acceptance.accepted ? (
              <strong>passed</strong>
            ) : (
              <>
                <strong>failed</strong> — {m.acceptance.reasons.join("; ")}
              </>
            )}
          </p>
          {m.acceptanceOverride && (
            <p role="note">
              Published over failed checks by {m.acceptanceOverride.byName ?? "an admin"}:{" "}
              {m.acceptanceOverride.reason}
            </p>
          )}
          {m.lockReport && (
            <details open>
              <summary>Lock report</summary>
              <pre>{JSON.stringify(m.lockReport, null, 2)}</pre>
            </details>
          )}
        </article>
      ))}
      {task.status === "review" && (
        <div className="stack">
          <div className="row">
            <button type="button" disabled={review.isPending} onClick={() => decide("published")}>
              Publish
            </button>{" "}
            <button
              type="button"
              className="danger"
              disabled={review.isPending}
              onClick={() => decide("rejected")}
            >
              Reject
            </button>
          </div>
          {failing.length > 0 && (
            <>
              <label htmlFor="override-reason">
                Reason to publish over the failed acceptance checks of{" "}
                {failing.map((m) => m.name).join(", ")} (recorded and shown with the model)
              </label>
              <textarea
                id="override-reason"
                rows={2}
                value={overrideReason}
                onChange={(e) => setOverrideReason(e.target.value)}
              />
              <button
                type="button"
                disabled={review.isPending || overrideReason.trim().length < 10}
                onClick={() => decide("published", overrideReason)}
              >
                Publish over failed checks
              </button>
            </>
          )}
        </div>
      )}
      {review.error && (
        <p className="error" role="alert">
          {review.error.message}
        </p>
      )}
    </>
  );
}
