"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";

/** Watches a task's lock build; once it is under review, shows the lock reports and the verdict buttons. */
export function TaskReview({ id }: { id: string }) {
  const trpc = useTRPC();
  const detail = useQuery({
    ...trpc.admin.task.queryOptions({ id }),
    refetchInterval: (q) => (q.state.data?.task.status === "building" ? 2000 : false),
  });
  const review = useMutation(trpc.admin.reviewTask.mutationOptions());
  if (detail.isLoading) return <p>Loading…</p>;
  if (!detail.data) return <p>No such task.</p>;
  const { task, models } = detail.data;
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
        <p role="status">Building locked models… this page updates itself.</p>
      )}
      <h2>Locked models</h2>
      {models.length === 0 && <p className="muted">None yet.</p>}
      {models.map((m) => (
        <article key={m.id} className="card">
          <h3>
            {m.name} <span className="badge">{m.visibility}</span>{" "}
            <span className="badge">{m.status}</span>
          </h3>
          <p>
            SHA-256 <code>{m.checkpointSha256 ?? "—"}</code>
          </p>
          {m.lockReport && (
            <details open>
              <summary>Lock report</summary>
              <pre>{JSON.stringify(m.lockReport, null, 2)}</pre>
            </details>
          )}
        </article>
      ))}
      {task.status === "review" && (
        <div className="row">
          <button
            type="button"
            disabled={review.isPending}
            onClick={async () => {
              await review.mutateAsync({ id: task.id, decision: "published" });
              await detail.refetch();
            }}
          >
            Publish
          </button>{" "}
          <button
            type="button"
            className="danger"
            disabled={review.isPending}
            onClick={async () => {
              await review.mutateAsync({ id: task.id, decision: "rejected" });
              await detail.refetch();
            }}
          >
            Reject
          </button>
        </div>
      )}
      {review.error && <p className="error">{review.error.message}</p>}
    </>
  );
}
