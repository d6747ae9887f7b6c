// A public model's checkpoint as one streamed tar archive, read file by file from the checkpoint
// store (local or S3). The archive lists exactly the files recorded for the model, with their
// recorded sizes; the store refuses keys that would leave the checkpoint's location.
import type { CheckpointStore } from "@lockpick/runner/storage";
import type { CheckpointFile } from "@lockpick/db/schema";
import { tarSize, tarStream } from "./tar-stream";

export type ArchiveSource = {
  /** Top-level directory inside the archive. */
  top: string;
  location: string;
  files: CheckpointFile[];
  checkpointSha256: string | null;
};

/**
 * The archive response. Every file is opened before the first byte is sent, so a missing
 * checkpoint is a 503 rather than a truncated download.
 */
export async function checkpointArchive(store: CheckpointStore, source: ArchiveSource) {
  let entries;
  try {
    entries = await Promise.all(
      source.files.map(async (f) => ({
        name: `${source.top}/${f.path}`,
        size: f.bytes,
        stream: await store.openFile(source.location, f.path),
      })),
    );
  } catch (error) {
    return new Response(`Checkpoint unavailable: ${(error as Error).message}`, { status: 503 });
  }
  return new Response(tarStream(entries), {
    headers: {
      "content-type": "application/x-tar",
      "content-length": String(tarSize(entries)),
      "content-disposition": `attachment; filename="${source.top}.tar"`,
      ...(source.checkpointSha256 ? { "x-checkpoint-sha256": source.checkpointSha256 } : {}),
    },
  });
}
