import Link from "next/link";
import { getDb } from "~/server/db";
import { listPublishedTasks } from "~/server/services/catalog/tasks";

export const dynamic = "force-dynamic";
export const metadata = { title: "Tasks" };

export default async function TasksPage() {
  const tasks = await listPublishedTasks(await getDb());
  return (
    <>
      <h1>Tasks</h1>
      <p className="lede">
        Each task is a configured instance of a task family: a problem generator with splits, a
        strong and a weak policy, and an evaluator.
      </p>
      {tasks.length === 0 && <p className="empty">No published tasks yet.</p>}
      <div className="cards">
        {tasks.map((t) => (
          <article key={t.slug} className="card">
            <h2>
              <Link href={`/tasks/${t.slug}`}>{t.title}</Link>
            </h2>
            <p className="muted">
              family {t.familyId} · version {t.version}
            </p>
            <p>{t.description}</p>
            {t.domains.length > 0 && <p>Domains: {t.domains.join(", ")}</p>}
          </article>
        ))}
      </div>
    </>
  );
}
