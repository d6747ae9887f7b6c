import { getDb } from "~/server/db";
import { listModelCatalog } from "~/server/services/catalog/models";
import { ModelCardView } from "~/components/model-card";

export const dynamic = "force-dynamic";
export const metadata = { title: "Models" };

export default async function ModelsPage() {
  const tasks = await listModelCatalog(await getDb());
  return (
    <>
      <h1>Locked models</h1>
      <p className="lede">
        Public locked checkpoints can be downloaded to develop methods locally. Private models are
        held out for the leaderboard: only commitments are published (the SHA-256 of the checkpoint
        and of the salted password), so they can be revealed and audited after a season.
      </p>
      {tasks.length === 0 && <p className="empty">No published tasks yet.</p>}
      {tasks.map((t) => (
        <section key={t.slug} aria-labelledby={`task-${t.slug}`}>
          <h2 id={`task-${t.slug}`}>{t.title}</h2>
          {t.description && <p>{t.description}</p>}
          <div className="cards">
            {t.models.map((m) => (
              <ModelCardView key={m.id} model={m} />
            ))}
          </div>
        </section>
      ))}
    </>
  );
}
