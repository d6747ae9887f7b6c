import { getDb } from "~/server/db";
import { checkpointEntries } from "~/server/services/catalog/checkpoint-files";
import { getDownloadableModel } from "~/server/services/catalog/models";
import { tarStream } from "~/server/services/catalog/tar-stream";

export const dynamic = "force-dynamic";

/** Streams a public locked model's checkpoint directory as one tar archive. */
export async function GET(_request: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  const found = await getDownloadableModel(await getDb(), id);
  if (!found) return new Response("Not found", { status: 404 });
  const top = `${found.task.slug}-${found.model.name}`;
  let entries;
  try {
    entries = checkpointEntries(found.model.checkpointLocation!, found.model.files, top);
  } catch (error) {
    return new Response(`Checkpoint unavailable: ${(error as Error).message}`, { status: 503 });
  }
  const size = entries.reduce((a, e) => a + 512 + Math.ceil(e.size / 512) * 512, 1024);
  return new Response(tarStream(entries), {
    headers: {
      "content-type": "application/x-tar",
      "content-length": String(size),
      "content-disposition": `attachment; filename="${top}.tar"`,
      ...(found.model.checkpointSha256
        ? { "x-checkpoint-sha256": found.model.checkpointSha256 }
        : {}),
    },
  });
}
