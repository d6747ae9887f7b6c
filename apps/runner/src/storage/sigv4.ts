// AWS Signature Version 4 for S3-compatible object stores (AWS S3, MinIO, R2, GCS interop):
// a plain signed HTTP request instead of an SDK dependency.
import { createHash, createHmac } from "node:crypto";

export type Credentials = { accessKeyId: string; secretAccessKey: string; region: string };

const hmac = (key: string | Buffer, data: string) =>
  createHmac("sha256", key).update(data).digest();
export const sha256Hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** RFC 3986 encoding, as SigV4 wants it. */
export const encodeRfc3986 = (s: string) =>
  encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/** Returns the headers to send (host, x-amz-date, x-amz-content-sha256, authorization, extras). */
export function signRequest(
  request: { method: string; url: string; headers?: Record<string, string>; payloadSha256: string },
  credentials: Credentials,
  now = new Date(),
): Record<string, string> {
  const url = new URL(request.url);
  const amzDate = now.toISOString().replace(/[:-]|\.\d{3}/g, "");
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    host: url.host,
    "x-amz-content-sha256": request.payloadSha256,
    "x-amz-date": amzDate,
  };
  for (const [k, v] of Object.entries(request.headers ?? {})) headers[k.toLowerCase()] = v.trim();
  const names = Object.keys(headers).sort();
  const query = [...url.searchParams]
    .map(([k, v]) => [encodeRfc3986(k), encodeRfc3986(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const canonical = [
    request.method,
    url.pathname,
    query,
    names.map((n) => `${n}:${headers[n]}\n`).join(""),
    names.join(";"),
    request.payloadSha256,
  ].join("\n");
  const scope = `${day}/${credentials.region}/s3/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonical)].join("\n");
  let key = hmac(`AWS4${credentials.secretAccessKey}`, day);
  for (const part of [credentials.region, "s3", "aws4_request"]) key = hmac(key, part);
  const signature = createHmac("sha256", key).update(toSign).digest("hex");
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`,
  };
}
