// Checkpoints: a tfjs weights manifest (model.json) + binary shards, and lockpick.json, which
// records everything needed to rebuild and trust the model: architecture, tokenizer, task,
// recipe, seed, metrics and the SHA-256 of every other file. Loading verifies all of it.
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import {
  modelConfigSchema,
  modelFromValues,
  parameterShapes,
  type Model,
  type ModelConfig,
} from "./model";
import { tokenizerSpecSchema, WordTokenizer, type TokenizerSpec } from "./tokenizer";

export const CHECKPOINT_FORMAT = "lockpick-checkpoint";
export const CHECKPOINT_VERSION = 1;
const SHARD_BYTES = 4 * 1024 * 1024; // tfjs's default shard size

export type CheckpointErrorCode = "missing" | "corrupt" | "mismatch" | "invalid";

/** Why a checkpoint was refused; `code` tells corrupt bytes from a wrong-but-intact checkpoint. */
export class CheckpointError extends Error {
  override readonly name = "CheckpointError";
  constructor(
    readonly code: CheckpointErrorCode,
    readonly dir: string,
    detail: string,
  ) {
    super(`checkpoint ${dir}: ${detail}`);
  }
}

const weightsManifestSchema = z.array(
  z.object({
    paths: z.array(z.string()),
    weights: z.array(
      z.object({ name: z.string(), shape: z.array(z.number().int()), dtype: z.literal("float32") }),
    ),
  }),
);
const modelJsonSchema = z.object({ format: z.string(), weightsManifest: weightsManifestSchema });

export const lockpickManifestSchema = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  formatVersion: z.literal(CHECKPOINT_VERSION),
  createdAt: z.string(),
  architecture: modelConfigSchema,
  tokenizer: tokenizerSpecSchema,
  task: z.object({ id: z.string(), version: z.string() }).nullable(),
  recipe: z.record(z.string(), z.unknown()),
  seed: z.number().nullable(),
  metrics: z.record(z.string(), z.number()),
  extra: z.record(z.string(), z.unknown()),
  /** file name → SHA-256 hex and size of every file except lockpick.json itself. */
  files: z.record(
    z.string(),
    z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int() }),
  ),
});
export type LockpickManifest = z.infer<typeof lockpickManifestSchema>;

export interface CheckpointInfo {
  tokenizer: TokenizerSpec;
  task?: { id: string; version: string };
  recipe?: Record<string, unknown>;
  seed?: number;
  metrics?: Record<string, number>;
  extra?: Record<string, unknown>;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Writes model.json, the shards and lockpick.json into `dir` (created if needed). */
export async function saveCheckpoint(
  model: Model,
  dir: string,
  info: CheckpointInfo,
): Promise<LockpickManifest> {
  if (info.tokenizer.vocab.length !== model.config.vocabSize) {
    throw new Error(
      `tokenizer has ${info.tokenizer.vocab.length} symbols, model vocabSize is ${model.config.vocabSize}`,
    );
  }
  await mkdir(dir, { recursive: true });
  const weights = [...model.params].map(([name, v]) => ({
    name,
    shape: [...v.shape],
    dtype: "float32" as const,
  }));
  const data = new Uint8Array(
    weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1) * 4, 0),
  );
  const view = new DataView(data.buffer);
  let pos = 0;
  for (const v of model.params.values()) {
    for (const x of v.dataSync()) {
      view.setFloat32(pos, x, true);
      pos += 4;
    }
  }
  const shardCount = Math.max(1, Math.ceil(data.length / SHARD_BYTES));
  const files: LockpickManifest["files"] = {};
  const paths: string[] = [];
  for (let s = 0; s < shardCount; s++) {
    const path = `group1-shard${s + 1}of${shardCount}.bin`;
    const bytes = data.subarray(s * SHARD_BYTES, Math.min(data.length, (s + 1) * SHARD_BYTES));
    await writeFile(join(dir, path), bytes);
    files[path] = { sha256: sha256(bytes), bytes: bytes.length };
    paths.push(path);
  }
  const modelJson = Buffer.from(
    JSON.stringify(
      {
        format: "lockpick-weights",
        generatedBy: "@lockpick/bench engine",
        weightsManifest: [{ paths, weights }],
      },
      null,
      1,
    ),
  );
  await writeFile(join(dir, "model.json"), modelJson);
  files["model.json"] = { sha256: sha256(modelJson), bytes: modelJson.length };
  const manifest: LockpickManifest = {
    format: CHECKPOINT_FORMAT,
    formatVersion: CHECKPOINT_VERSION,
    createdAt: new Date().toISOString(),
    architecture: { ...model.config },
    tokenizer: info.tokenizer,
    task: info.task ?? null,
    recipe: info.recipe ?? {},
    seed: info.seed ?? null,
    metrics: info.metrics ?? {},
    extra: info.extra ?? {},
    files,
  };
  await writeFile(join(dir, "lockpick.json"), JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}

export interface LoadExpectations {
  /** Architecture fields that must match. */
  config?: Partial<ModelConfig>;
  task?: { id?: string; version?: string };
  /** Vocabulary that must match symbol for symbol. */
  vocab?: readonly string[];
}

async function readOrThrow(dir: string, file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(join(dir, file)));
  } catch {
    throw new CheckpointError("missing", dir, `cannot read ${file}`);
  }
}

/** Reads and validates lockpick.json only (no weights, no hash checks). */
export async function readCheckpointManifest(dir: string): Promise<LockpickManifest> {
  const raw = await readOrThrow(dir, "lockpick.json");
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw).toString("utf8"));
  } catch {
    throw new CheckpointError("corrupt", dir, "lockpick.json is not valid JSON");
  }
  const parsed = lockpickManifestSchema.safeParse(json);
  if (!parsed.success)
    throw new CheckpointError(
      "invalid",
      dir,
      `lockpick.json: ${parsed.error.issues[0]?.message ?? "invalid"}`,
    );
  return parsed.data;
}

/**
 * Loads a checkpoint after verifying every file's hash, the weights manifest against the
 * architecture, and any expectations. Throws CheckpointError on any problem.
 */
export async function loadCheckpoint(
  dir: string,
  expect: LoadExpectations = {},
): Promise<{ model: Model; manifest: LockpickManifest; tokenizer: WordTokenizer }> {
  const manifest = await readCheckpointManifest(dir);
  const bytes = new Map<string, Uint8Array>();
  for (const [file, { sha256: want, bytes: size }] of Object.entries(manifest.files)) {
    const data = await readOrThrow(dir, file);
    if (data.length !== size || sha256(data) !== want) {
      throw new CheckpointError(
        "corrupt",
        dir,
        `${file} does not match its SHA-256 in lockpick.json`,
      );
    }
    bytes.set(file, data);
  }
  const config = manifest.architecture;
  checkExpectations(dir, manifest, expect);
  const modelJsonBytes = bytes.get("model.json");
  if (!modelJsonBytes)
    throw new CheckpointError("invalid", dir, "lockpick.json does not list model.json");
  const modelJson = modelJsonSchema.safeParse(
    JSON.parse(Buffer.from(modelJsonBytes).toString("utf8")),
  );
  if (!modelJson.success)
    throw new CheckpointError("invalid", dir, "model.json has no valid weightsManifest");
  const groups = modelJson.data.weightsManifest;
  const listed = groups.flatMap((g) => g.weights);
  const expected = parameterShapes(config);
  const describe = (w: { name: string; shape: number[] }) => `${w.name}[${w.shape.join(",")}]`;
  const want = expected.map(([name, shape]) => describe({ name, shape })).join(" ");
  if (listed.map(describe).join(" ") !== want) {
    throw new CheckpointError(
      "mismatch",
      dir,
      "weights in model.json do not match the architecture in lockpick.json",
    );
  }
  const values = new Map<string, Float32Array>();
  for (const group of groups) {
    const parts = group.paths.map((p) => {
      const b = bytes.get(p);
      if (!b)
        throw new CheckpointError("invalid", dir, `shard ${p} is not hashed in lockpick.json`);
      return b;
    });
    const data = Buffer.concat(parts);
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    let pos = 0;
    for (const w of group.weights) {
      const count = w.shape.reduce((a, b) => a * b, 1);
      if (pos + count * 4 > data.length)
        throw new CheckpointError("mismatch", dir, `shards too short for ${w.name}`);
      const arr = new Float32Array(count);
      for (let i = 0; i < count; i++, pos += 4) arr[i] = view.getFloat32(pos, true);
      values.set(w.name, arr);
    }
    if (pos !== data.length)
      throw new CheckpointError("mismatch", dir, "shards are longer than the weights they list");
  }
  const tokenizer = WordTokenizer.fromSpec(manifest.tokenizer);
  return { model: modelFromValues(config, values), manifest, tokenizer };
}

function checkExpectations(
  dir: string,
  manifest: LockpickManifest,
  expect: LoadExpectations,
): void {
  const config = manifest.architecture;
  if (manifest.tokenizer.vocab.length !== config.vocabSize) {
    throw new CheckpointError(
      "mismatch",
      dir,
      `tokenizer has ${manifest.tokenizer.vocab.length} symbols but vocabSize is ${config.vocabSize}`,
    );
  }
  for (const [key, value] of Object.entries(expect.config ?? {})) {
    const actual = config[key as keyof ModelConfig];
    if (actual !== value)
      throw new CheckpointError(
        "mismatch",
        dir,
        `architecture ${key} is ${actual}, expected ${value}`,
      );
  }
  if (expect.task?.id !== undefined && manifest.task?.id !== expect.task.id) {
    throw new CheckpointError(
      "mismatch",
      dir,
      `task is ${manifest.task?.id ?? "none"}, expected ${expect.task.id}`,
    );
  }
  if (expect.task?.version !== undefined && manifest.task?.version !== expect.task.version) {
    throw new CheckpointError(
      "mismatch",
      dir,
      `task version is ${manifest.task?.version ?? "none"}, expected ${expect.task.version}`,
    );
  }
  if (expect.vocab && expect.vocab.join("\u0000") !== manifest.tokenizer.vocab.join("\u0000")) {
    throw new CheckpointError(
      "mismatch",
      dir,
      "tokenizer vocabulary differs from the expected one",
    );
  }
}
