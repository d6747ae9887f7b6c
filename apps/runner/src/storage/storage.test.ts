import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { text } from "node:stream/consumers";
import { createHash } from "node:crypto";
import { manifestSha256 } from "./checkpoint-store";
import { localStore } from "./local-store";
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
