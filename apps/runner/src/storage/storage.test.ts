import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { text } from "node:stream/consumers";
import { createHash } from "node:crypto";
import { manifestSha256 } from "./checkpoint-store";
import { storeFromEnv } from "./create-store";
import { localStore } from "./local-store";
import { s3Store } from "./s3-store";
import { startS3TestServer } from "./s3-test-server";
import { signRequest } from "./sigv4";

const dir = mkdtempSync(join(tmpdir(), "lockpick-store-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("local store: put, list with hashes, fetch, stream, remove", async () => {
  const src = join(dir, "src");
  mkdirSync(join(src, "weights"), { recursive: true });
  writeFileSync(join(src, "lockpick.json"), '{"a":1}');
  writeFileSync(join(src, "weights", "w.bin"), Buffer.from([1, 2, 3]));
  const store = localStore(join(dir, "store"));
  const { location, files } = await store.putDir("task/v1/public-1", src);
  assert.deepEqual(
    files.map((f) => [f.path, f.bytes]),
    [
      ["lockpick.json", 7],
      ["weights/w.bin", 3],
    ],
  );
  assert.equal(files[0]!.sha256, createHash("sha256").update('{"a":1}').digest("hex"));
  const manifest = files.map((f) => `${f.sha256}  ${f.path}\n`).join("");
  assert.equal(manifestSha256(files), createHash("sha256").update(manifest).digest("hex"));
  const local = await store.fetchDir(location);
  assert.equal(readFileSync(join(local, "lockpick.json"), "utf8"), '{"a":1}');
  assert.equal(await text(await store.openFile(location, "lockpick.json")), '{"a":1}');
  await assert.rejects(store.openFile(location, "../../etc/passwd"), /invalid storage key/);
  await store.remove(location);
  await assert.rejects(store.openFile(location, "lockpick.json"));
});

test("S3 requests are signed with SigV4 (AWS's documented GET example)", () => {
  const headers = signRequest(
    {
      method: "GET",
      url: "https://examplebucket.s3.amazonaws.com/test.txt",
      headers: { Range: "bytes=0-9" },
      payloadSha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    },
    {
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
      secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      region: "us-east-1",
    },
    new Date("2013-05-24T00:00:00Z"),
  );
  assert.equal(
    headers.authorization,
    "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, " +
      "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, " +
      "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
  );
});

test("S3 store against a real S3 HTTP server: put, list, fetch, stream, remove; bad keys refused", async () => {
  const server = await startS3TestServer();
  try {
    const src = join(dir, "s3-src");
    mkdirSync(join(src, "weights"), { recursive: true });
    writeFileSync(join(src, "lockpick.json"), '{"b":2}');
    // Bigger than one network chunk, and with a space in its name (RFC 3986 path encoding).
    const blob = Buffer.alloc(300_000, 7);
    writeFileSync(join(src, "weights", "w 1.bin"), blob);
    const config = {
      endpoint: server.endpoint,
      bucket: server.bucket,
      region: server.region,
      accessKeyId: server.accessKeyId,
      secretAccessKey: server.secretAccessKey,
      prefix: "ckpt/",
      cacheDir: join(dir, "s3-cache"),
    };
    const store = s3Store(config);
    // Keys with spaces are refused before any request; the file name above is not a key.
    await assert.rejects(store.putDir("task/v1/public-1", src), /invalid storage key/);
    rmSync(join(src, "weights", "w 1.bin"));
    writeFileSync(join(src, "weights", "w.bin"), blob);
    const { location, files } = await store.putDir("task/v1/public-1", src);
    assert.deepEqual(
      files.map((f) => f.path),
      ["lockpick.json", "weights/w.bin"],
    );
    assert.equal(await text(await store.openFile(location, "lockpick.json")), '{"b":2}');
    const streamed = Buffer.concat(
      await (await store.openFile(location, "weights/w.bin")).toArray(),
    );
    assert.ok(streamed.equals(blob));
    const local = await store.fetchDir(location);
    assert.ok(readFileSync(join(local, "weights", "w.bin")).equals(blob));
    await assert.rejects(store.openFile(location, "missing.bin"), /S3 GET .* 404/);
    // The verifier signs with the request's own x-amz-date, not its clock: a request signed
    // seconds ago still verifies (AWS allows minutes of skew).
    const url = `${server.endpoint}/${server.bucket}/ckpt/${location}/lockpick.json`;
    const headers = signRequest(
      { method: "GET", url, payloadSha256: createHash("sha256").update("").digest("hex") },
      config,
      new Date(Date.now() - 3000),
    );
    delete headers.host;
    assert.equal((await fetch(url, { headers })).status, 200);
    // A wrong secret is refused by the server's signature check.
    const forged = s3Store({ ...config, secretAccessKey: "not-the-secret" });
    await assert.rejects(forged.openFile(location, "lockpick.json"), /403.*SignatureDoesNotMatch/s);
    await store.remove(location);
    await assert.rejects(store.openFile(location, "lockpick.json"), /404/);
    assert.ok((server.counts.accepted.PUT ?? 0) >= 2, "PUTs went through the signature check");
    assert.ok((server.counts.accepted.DELETE ?? 0) >= 2);
    assert.equal(server.counts.refused, 1, "only the forged request was refused");
  } finally {
    await server.stop();
  }
});

test("storeFromEnv: local by default under $home/checkpoints, S3 when configured, refuses half an S3 setup", async () => {
  const home = join(dir, "env-home");
  const local = storeFromEnv({ LOCKPICK_STORAGE: "", S3_BUCKET: "" }, home);
  assert.equal(local.kind, "local");
  assert.equal(await local.fetchDir("a/b"), join(home, "checkpoints", "a", "b"));
  const s3 = storeFromEnv(
    {
      LOCKPICK_STORAGE: "s3",
      S3_ENDPOINT: "http://127.0.0.1:9",
      S3_BUCKET: "b",
      S3_ACCESS_KEY_ID: "k",
      S3_SECRET_ACCESS_KEY: "s",
    },
    home,
  );
  assert.equal(s3.kind, "s3");
  assert.throws(
    () => storeFromEnv({ LOCKPICK_STORAGE: "s3", S3_BUCKET: "b" }, home),
    /needs S3_ENDPOINT/,
  );
});
