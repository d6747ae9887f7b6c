// A real S3-compatible HTTP server for tests, on loopback: s3rver (S3's REST protocol and XML,
// objects on disk) behind a front that checks what s3rver does not — each request's AWS
// Signature V4, recomputed with an independent implementation (the `aws4` package) from the
// headers the client says it signed, and the body against its signed SHA-256. A request that
// fails either check gets S3's 403 SignatureDoesNotMatch and never reaches the store.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import aws4 from "aws4";
import S3rver from "s3rver";

export type S3TestServer = {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Requests that passed the signature check / were refused, by method. */
  counts: { accepted: Record<string, number>; refused: number };
  stop(): Promise<void>;
};

// s3rver's built-in account; the front holds the secret and checks every signature with it.
const ACCESS_KEY_ID = "S3RVER";
const SECRET = "S3RVER";

async function readBody(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Why a request's signature is wrong, or null when it is right. */
function signatureProblem(req: IncomingMessage, body: Buffer, region: string): string | null {
  const auth = req.headers.authorization ?? "";
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!m) return `not a SigV4 Authorization header: ${auth || "(none)"}`;
  const [, keyId, , credRegion, signedHeaders, signature] = m;
  if (keyId !== ACCESS_KEY_ID) return `unknown access key ${keyId}`;
  if (credRegion !== region) return `region ${credRegion}, expected ${region}`;
  const payloadHash = String(req.headers["x-amz-content-sha256"] ?? "");
  if (payloadHash !== createHash("sha256").update(body).digest("hex"))
    return "the body does not match x-amz-content-sha256";
  const headers: Record<string, string> = {};
  for (const name of signedHeaders!.split(";")) headers[name] = String(req.headers[name] ?? "");
  const expected = aws4.sign(
    {
      host: headers.host,
      path: req.url,
      method: req.method,
      service: "s3",
      region,
      // aws4 takes the request time from x-amz-date (it must not sign with its own clock).
      headers,
    },
    { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
  );
  const authorization = String(expected.headers?.Authorization ?? "");
  const got = /Signature=([0-9a-f]{64})/.exec(authorization)?.[1];
  const gotHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1];
  if (gotHeaders !== signedHeaders) return `signed headers ${signedHeaders} != ${gotHeaders}`;
  return got === signature ? null : `signature ${signature} != ${got}`;
}

/** The settings (runner and web alike) that point the checkpoint store at `server`. */
export function s3StorageEnv(server: S3TestServer, prefix = ""): Record<string, string> {
  return {
    LOCKPICK_STORAGE: "s3",
    S3_ENDPOINT: server.endpoint,
    S3_BUCKET: server.bucket,
    S3_REGION: server.region,
    S3_ACCESS_KEY_ID: server.accessKeyId,
    S3_SECRET_ACCESS_KEY: server.secretAccessKey,
    S3_PREFIX: prefix,
  };
}

export async function startS3TestServer(
  opts: { bucket?: string; region?: string } = {},
): Promise<S3TestServer> {
  const bucket = opts.bucket ?? "lockpick-test";
  const region = opts.region ?? "us-east-1";
  const directory = mkdtempSync(join(tmpdir(), "lockpick-s3-"));
  const s3 = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const inner = (await s3.run()) as AddressInfo;
  const counts: S3TestServer["counts"] = { accepted: {}, refused: 0 };
  const front = createServer((req, res) => {
    readBody(req)
      .then((body) => {
        const problem = signatureProblem(req, body, region);
        if (problem) {
          counts.refused += 1;
          res.writeHead(403, { "content-type": "application/xml" });
          res.end(
            `<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code><Message>${problem}</Message></Error>`,
          );
          return;
        }
        counts.accepted[req.method!] = (counts.accepted[req.method!] ?? 0) + 1;
        const forward = httpRequest(
          {
            host: "127.0.0.1",
            port: inner.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, "content-length": String(body.length) },
          },
          (upstream) => {
            res.writeHead(upstream.statusCode ?? 502, upstream.headers);
            upstream.pipe(res);
          },
        );
        forward.on("error", (error) => res.destroy(error));
        forward.end(body);
      })
      .catch((error: Error) => res.destroy(error));
  });
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
  const { port } = front.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region,
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: SECRET,
    counts,
    async stop() {
      await new Promise<void>((resolve) => front.close(() => resolve()));
      await s3.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
