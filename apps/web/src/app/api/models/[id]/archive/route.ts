import { getDb } from "~/server/db";
import { checkpointArchive } from "~/server/services/catalog/checkpoint-archive";
import { getDownloadableModel } from "~/server/services/catalog/models";
import { checkpointStore } from "~/server/storage";

export const dynamic = "force-dynamic";

/** Streams a public locked model's checkpoint directory as one tar archive. */
export async function GET(_request: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  const found = await getDownloadableModel(await getDb(), id);
  if (!found) return new Response("Not found", { status: 404 });
  return checkpointArchive(checkpointStore(), {
    top: `${found.task.slug}-${found.model.name}`,
    location: found.model.checkpointLocation!,
    files: found.model.files,
    checkpointSha256: found.model.checkpointSha256,
  });
}
