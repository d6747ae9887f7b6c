// The .safetensors format, written and read directly: an 8-byte little-endian header length,
// a JSON header { name: { dtype, shape, data_offsets: [begin, end] }, __metadata__: {…} }
// (offsets relative to the data section), padded with spaces to 8 bytes, then raw LE data.
import { readFile, writeFile } from "node:fs/promises";
import type { Model } from "./model";

export interface SafeTensor {
  dtype: "F32";
  shape: number[];
  data: Float32Array;
}

export function encodeSafetensors(
  tensors: Map<string, SafeTensor>,
  metadata: Record<string, string> = {},
): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, t] of tensors) {
    header[name] = {
      dtype: t.dtype,
      shape: t.shape,
      data_offsets: [offset, offset + t.data.length * 4],
    };
    offset += t.data.length * 4;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - (Buffer.byteLength(json) % 8)) % 8);
  const headerBytes = Buffer.from(json, "utf8");
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let pos = 8 + headerBytes.length;
  for (const t of tensors.values()) {
    for (let i = 0; i < t.data.length; i++, pos += 4) view.setFloat32(pos, t.data[i]!, true);
  }
  return out;
}

export function decodeSafetensors(bytes: Uint8Array): {
  tensors: Map<string, SafeTensor>;
  metadata: Record<string, string>;
} {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 8) throw new Error("safetensors: file too short");
  const headerLength = Number(view.getBigUint64(0, true));
  if (8 + headerLength > bytes.length)
    throw new Error("safetensors: header length past end of file");
  const header = JSON.parse(
    Buffer.from(bytes.subarray(8, 8 + headerLength)).toString("utf8"),
  ) as Record<
    string,
    { dtype: string; shape: number[]; data_offsets: [number, number] } | Record<string, string>
  >;
  const base = 8 + headerLength;
  const tensors = new Map<string, SafeTensor>();
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === "__metadata__") {
      metadata = entry as Record<string, string>;
      continue;
    }
    const { dtype, shape, data_offsets } = entry as {
      dtype: string;
      shape: number[];
      data_offsets: [number, number];
    };
    if (dtype !== "F32") throw new Error(`safetensors: ${name} has unsupported dtype ${dtype}`);
    const [begin, end] = data_offsets;
    const count = shape.reduce((a, b) => a * b, 1);
    if (end - begin !== count * 4 || base + end > bytes.length)
      throw new Error(`safetensors: bad offsets for ${name}`);
    const data = new Float32Array(count);
    for (let i = 0; i < count; i++) data[i] = view.getFloat32(base + begin + 4 * i, true);
    tensors.set(name, { dtype: "F32", shape, data });
  }
  return { tensors, metadata };
}

/** Writes every weight under its stable name (layout documented in docs/checkpoints.md). */
export async function exportSafetensors(
  model: Model,
  path: string,
  metadata: Record<string, string> = {},
): Promise<void> {
  const tensors = new Map<string, SafeTensor>();
  for (const [name, v] of model.params) {
    tensors.set(name, { dtype: "F32", shape: [...v.shape], data: v.dataSync() as Float32Array });
  }
  const meta = { format: "pt", lockpick_config: JSON.stringify(model.config), ...metadata };
  await writeFile(path, encodeSafetensors(tensors, meta));
}

export async function readSafetensors(
  path: string,
): Promise<{ tensors: Map<string, SafeTensor>; metadata: Record<string, string> }> {
  return decodeSafetensors(new Uint8Array(await readFile(path)));
}
