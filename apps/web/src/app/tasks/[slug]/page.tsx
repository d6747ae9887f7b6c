import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "~/server/db";
import { getTaskDetail } from "~/server/services/catalog/tasks";

export const dynamic = "force-dynamic";

export default async function TaskPage(props: { params: Promise<{ slug: string }> }) {
  const { slug } = await props.params;
  const detail = await getTaskDetail(await getDb(), slug);
  if (!detail) notFound();
  const { task, family, splits, models } = detail;
  return (
    <>
      <h1>{task.title}</h1>
      <p>{task.description || family?.description}</p>
      <dl className="facts">
        <dt>Family</dt>
        <dd>
          {task.familyId}
          {family && ` (version ${family.version})`}
        </dd>
        <dt>Instance version</dt>
        <dd>{task.version}</dd>
        <dt>Splits</dt>
        <dd>
          {Object.entries(splits)
            .map(([name, p]) => `${name} ${p}%`)
            .join(" · ")}
        </dd>
        {family && (
          <>
            <dt>Domains</dt>
            <dd>{family.domains.join(", ")}</dd>
            <dt>Evaluator</dt>
            <dd>{family.evaluatorDescription}</dd>
          </>
        )}
      </dl>
      {family && (
        <section aria-labelledby="examples">
          <h2 id="examples">Example problems</h2>
          <p className="muted">From the weak-policy split, with the strong policy&apos;s answer.</p>
          {family.examples.map((e) => (
            <div key={e.id}>
              <h3>
                {e.id} <span className="muted">({e.domain})</span>
              </h3>
              <pre>
                {e.prompt}
                {"\n→ "}
                {e.answer}
              </pre>
            </div>
          ))}
          <details>
            <summary>Configuration</summary>
            <pre>{JSON.stringify(family.config, null, 2)}</pre>
          </details>
        </section>
      )}
      <h2>Locked models</h2>
      <ul>
        {models.map((m) => (
          <li key={m.id}>
            {m.name} ({m.visibility === "private" ? "held out" : "public"})
          </li>
        ))}
      </ul>
      <p>
        <Link href="/models">All models and downloads</Link> ·{" "}
        <Link href={`/?task=${task.slug}`}>Leaderboard for this task</Link>
      </p>
    </>
  );
}
