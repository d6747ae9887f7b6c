import Link from "next/link";
import { notFound } from "next/navigation";
import { renderDoc } from "~/server/services/docs";

export const dynamic = "force-dynamic";

export default async function DocPage(props: { params: Promise<{ slug: string }> }) {
  const { slug } = await props.params;
  const doc = renderDoc(slug);
  if (!doc) notFound();
  return (
    <article className="doc">
      <p>
        <Link href="/docs">← All docs</Link>
      </p>
      {/* Repository Markdown from an allowlist: trusted content. */}
      <div dangerouslySetInnerHTML={{ __html: doc.html }} />
    </article>
  );
}
