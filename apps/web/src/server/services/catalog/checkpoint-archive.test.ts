// Checkpoint downloads read through the checkpoint store: the same archive, byte for byte
// verifiable, from a local directory and from an S3-compatible server (real HTTP, signed).
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  localStore,
  manifestSha256,
  s3Store,
  type CheckpointStore,
} from "@lockpick/runner/storage";
import { startS3TestServer, type S3TestServer } from "@lockpick/runner/storage/testing";
import { untar } from "../../../../e2e/tar";
import { checkpointArchive } from "./checkpoint-archive";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const dir = mkdtempSync(join(tmpdir(), "lockpick-archive-"));
let s3: S3TestServer;
before(async () => {
  s3 = await startS3TestServer();
});
after(async () => {
  await s3.stop();
  rmSync(dir, { recursive: true, force: true });
});

// A checkpoint as the locking pipeline leaves it (a weights file bigger than a tar block or a
// network chunk, and a nested file).
const src = join(dir, "src");
mkdirSync(join(src, "strong"), { recursive: true });
writeFileSync(join(src, "model.json"), JSON.stringify({ format: "lockpick-weights" }));
writeFileSync(join(src, "group1-shard1of1.bin"), randomBytes(200_003));
writeFileSync(join(src, "strong", "lockpick.json"), "{}");

const stores: [string, () => CheckpointStore][] = [
  ["local", () => localStore(join(dir, "local"))],
  [
    "s3",
    () =>
      s3Store({
        endpoint: s3.endpoint,
        bucket: s3.bucket,
        region: s3.region,
        accessKeyId: s3.accessKeyId,
        secretAccessKey: s3.secretAccessKey,
        prefix: "ckpt/",
        cacheDir: join(dir, "cache"),
      }),
  ],
];

for (const [kind, make] of stores) {
  test(`${kind} store: the streamed archive holds every file, each hash verifies`, async () => {
    const store = make();
    const { location, files } = await store.putDir("fc/v1/public-1", src);
    const response = await checkpointArchive(store, {
      top: "fc-public-1",
      location,
      files,
      checkpointSha256: manifestSha256(files),
    });
    assert.equal(response.status, 200);
    const body = Buffer.from(await response.arrayBuffer());
    assert.equal(body.length, Number(response.headers.get("content-length")));
    const archive = untar(body);
    assert.equal(archive.size, 3);
    const got = files.map((f) => {
      const bytes = archive.get(`fc-public-1/${f.path}`);
      assert.ok(bytes, f.path);
      assert.equal(sha(bytes), f.sha256, f.path);
      return { ...f, sha256: sha(bytes) };
    });
    // Anyone can recompute the published checkpoint hash from the downloaded files.
    assert.equal(manifestSha256(got), response.headers.get("x-checkpoint-sha256"));
  });

  test(`${kind} store: a missing file or a path out of the checkpoint is a 503, not a partial archive`, async () => {
    const store = make();
    const { location, files } = await store.putDir("fc/v1/public-2", src);
    for (const bad of ["missing.bin", "../public-1/model.json"]) {
      const response = await checkpointArchive(store, {
        top: "x",
        location,
        files: [...files, { path: bad, bytes: 1, sha256: "0".repeat(64) }],
        checkpointSha256: null,
      });
      assert.equal(response.status, 503, bad);
    }
  });
}

test("s3 store: a recorded size that differs from the stored bytes aborts the stream", async () => {
  const store = stores[1]![1]();
  const { location, files } = await store.putDir("fc/v1/public-3", src);
  const response = await checkpointArchive(store, {
    top: "x",
    location,
    files: files.map((f) => (f.path === "model.json" ? { ...f, bytes: f.bytes + 1 } : f)),
    checkpointSha256: null,
  });
  assert.equal(response.status, 200); // headers go out before the bytes are known to differ
  await assert.rejects(response.arrayBuffer(), /model\.json: 29 bytes in the store, 30 recorded/);
});
