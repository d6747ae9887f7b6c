// Checkpoints in S3-compatible object storage, addressed path-style (endpoint/bucket/key), so it
// works with AWS S3, MinIO, Cloudflare R2 and others. Runners keep a local cache of fetched
// checkpoints (verified against the stored file hashes).
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertKey, listDir, type CheckpointStore } from "./checkpoint-store";
import { encodeRfc3986, sha256Hex, signRequest, type Credentials } from "./sigv4";

export type S3Config = Credentials & {
  endpoint: string;
  bucket: string;
  prefix: string;
  cacheDir: string;
};

const EMPTY = sha256Hex("");

export function s3Store(config: S3Config): CheckpointStore {
  const objectUrl = (key: string) =>
    `${config.endpoint.replace(/\/$/, "")}/${encodeRfc3986(config.bucket)}/${`${config.prefix}${key}`
      .split("/")
      .map(encodeRfc3986)
      .join("/")}`;

  async function call(method: string, url: string, body?: Buffer) {
    const headers = signRequest(
      { method, url, payloadSha256: body ? sha256Hex(body) : EMPTY },
      config,
    );
    delete headers.host;
    // A plain Uint8Array view: typed as a fetch body under both Node's and the DOM's lib.
    const payload =
      body && new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.length);
    const response = await fetch(url, { method, headers, body: payload });
    if (!response.ok) {
      throw new Error(`S3 ${method} ${url}: ${response.status} ${await response.text()}`);
    }
    return response;
  }

  async function listKeys(prefix: string) {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const url = new URL(`${config.endpoint.replace(/\/$/, "")}/${encodeRfc3986(config.bucket)}`);
      url.searchParams.set("list-type", "2");
      url.searchParams.set("prefix", `${config.prefix}${prefix}/`);
      if (token) url.searchParams.set("continuation-token", token);
      const xml = await (await call("GET", url.toString())).text();
      for (const m of xml.matchAll(/<Key>([^<]+)<\/Key>/g)) {
        keys.push(m[1]!.replace(/&amp;/g, "&").slice(config.prefix.length + prefix.length + 1));
      }
      token = /<NextContinuationToken>([^<]+)</.exec(xml)?.[1];
    } while (token);
    return keys;
  }

  return {
    kind: "s3",
    async putDir(key, dir) {
      assertKey(key);
      const files = await listDir(dir);
      // Every file must be addressable later (fetchDir and openFile take keys only).
      for (const f of files) assertKey(f.path);
      for (const f of files)
        await call("PUT", objectUrl(`${key}/${f.path}`), await readFile(join(dir, f.path)));
      return { location: key, files };
    },
    async fetchDir(location) {
      assertKey(location);
      const target = join(config.cacheDir, location);
      if (existsSync(join(target, ".complete"))) return target;
      await rm(target, { recursive: true, force: true });
      for (const path of await listKeys(location)) {
        assertKey(path);
        const response = await call("GET", objectUrl(`${location}/${path}`));
        await mkdir(dirname(join(target, path)), { recursive: true });
        await pipeline(
          Readable.fromWeb(response.body as never),
          createWriteStream(join(target, path)),
        );
      }
      await writeFile(join(target, ".complete"), new Date().toISOString());
      return target;
    },
    async openFile(location, path) {
      assertKey(location);
      assertKey(path);
      const response = await call("GET", objectUrl(`${location}/${path}`));
      return Readable.fromWeb(response.body as never);
    },
    async remove(location) {
      assertKey(location);
      for (const path of await listKeys(location))
        await call("DELETE", objectUrl(`${location}/${path}`));
      await rm(join(config.cacheDir, location), { recursive: true, force: true });
    },
  };
}
