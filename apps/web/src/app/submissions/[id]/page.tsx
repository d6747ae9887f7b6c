import { notFound } from "next/navigation";
import { DryRunFact } from "~/components/submission/dry-run-fact";
import { Highlight } from "~/components/submission/highlight";
import { SubmissionLive } from "~/components/submission/submission-live";
import { trackTitle } from "~/components/leaderboard/format";
import { api } from "~/trpc/server";

export const dynamic = "force-dynamic";

export default async function SubmissionPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const view = await (await api()).submission.byId({ id });
  if (!view) notFound();
  return (
    <>
      <h1>
        {view.name} {view.builtin && <span className="badge">baseline</span>}
        {view.hidden && <span className="badge bad">hidden</span>}
      </h1>
      <dl className="facts">
        <dt>Author</dt>
        <dd>{view.builtin ? "Lockpick (built-in baseline)" : (view.author ?? "—")}</dd>
        <dt>Track</dt>
        <dd>{trackTitle(view.track)}</dd>
        <dt>Submitted</dt>
        <dd>{view.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</dd>
        <dt>Dry run</dt>
        <DryRunFact dryRun={view.dryRun} builtin={view.builtin} />
        <dt>Bundle SHA-256</dt>
        <dd>
          <code>{view.bundleSha256}</code>
        </dd>
      </dl>
      {view.description && <p>{view.description}</p>}
      <SubmissionLive initial={view} />
      <section aria-labelledby="source">
        <h2 id="source">Source</h2>
        {view.source !== null ? (
          <Highlight source={view.source} />
        ) : (
          <p className="muted">The author keeps the source private; results are public.</p>
        )}
      </section>
    </>
  );
}
