// Stage checkpoints of a build, so an interrupted `lockpick lock` continues where it stopped:
// each stage directory holds `state.json` (step, phase, done) and the weights at that step.
// Writes go to a temporary name first and are renamed, so a kill never leaves a torn file.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { modelConfigSchema, modelFromValues, parameterShapes, type Model } from "../engine";

const weightsMetaSchema = z.object({
  config: z.record(z.string(), z.unknown()),
  params: z.array(z.object({ name: z.string(), shape: z.array(z.number().int()) })),
  sha256: z.string(),
});

async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await writeFile(`${path}.tmp`, data);
  await rename(`${path}.tmp`, path);
}

/** Weights as one float32 file plus a small JSON index (stage-internal format). */
export async function saveWeights(dir: string, model: Model): Promise<void> {
  await mkdir(dir, { recursive: true });
  const shapes = parameterShapes(model.config);
  const arrays = shapes.map(([name]) => model.params.get(name)?.dataSync() as Float32Array);
  const total = arrays.reduce((a, x) => a + x.length, 0);
  const flat = new Float32Array(total);
  let offset = 0;
  for (const a of arrays) {
    flat.set(a, offset);
    offset += a.length;
  }
  const bytes = new Uint8Array(flat.buffer);
  const meta = {
    config: model.config,
    params: shapes.map(([name, shape]) => ({ name, shape })),
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
  await writeAtomic(join(dir, "weights.bin"), bytes);
  await writeAtomic(join(dir, "weights.json"), JSON.stringify(meta));
}

export async function loadWeights(dir: string): Promise<Model> {
  const meta = weightsMetaSchema.parse(
    JSON.parse(await readFile(join(dir, "weights.json"), "utf8")),
  );
  const buf = await readFile(join(dir, "weights.bin"));
  if (createHash("sha256").update(buf).digest("hex") !== meta.sha256)
    throw new Error(`${dir}: weights do not match their hash (corrupt stage checkpoint)`);
  const flat = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const values = new Map<string, Float32Array>();
  let offset = 0;
  for (const { name, shape } of meta.params) {
    const size = shape.reduce((a, b) => a * b, 1);
    values.set(name, flat.slice(offset, offset + size));
    offset += size;
  }
  return modelFromValues(modelConfigSchema.parse(meta.config), values);
}

export interface StageState {
  /** Steps completed. */
  step: number;
  done: boolean;
  /** Stage-specific details (e.g. the strong base's cool-down start, dev accuracy). */
  info: Record<string, unknown>;
}

export class StageStore {
  constructor(readonly root: string) {}

  dir(stage: string): string {
    return join(this.root, stage);
  }

  async state(stage: string): Promise<StageState | undefined> {
    try {
      return JSON.parse(await readFile(join(this.dir(stage), "state.json"), "utf8")) as StageState;
    } catch {
      return undefined;
    }
  }

  /** Saves the weights and then the state (the state names a step whose weights exist). */
  async save(stage: string, model: Model | undefined, state: StageState): Promise<void> {
    const dir = this.dir(stage);
    await mkdir(dir, { recursive: true });
    if (model) await saveWeights(dir, model);
    await writeAtomic(join(dir, "state.json"), JSON.stringify(state, null, 2));
  }

  load(stage: string): Promise<Model> {
    return loadWeights(this.dir(stage));
  }

  async clear(stage: string): Promise<void> {
    await rm(this.dir(stage), { recursive: true, force: true });
  }
}
