import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { CheckpointError, loadCheckpoint, saveCheckpoint } from "./checkpoint";
import { createModel, disposeModel, parameterShapes } from "./model";
import { exportSafetensors, readSafetensors } from "./safetensors";
import { useBackend } from "./test-util";
import { WordTokenizer } from "./tokenizer";
import { perturb, restore, snapshot } from "./weights";

const tokenizer = new WordTokenizer(["a", "b", "c", "d", "e", "f"]); // 8 ids with pad/eos
const config = { nLayers: 2, dModel: 16, nHeads: 2, contextLength: 8, vocabSize: 8 };
let dir: string;

before(async () => {
  await useBackend("wasm");
  dir = await mkdtemp(join(tmpdir(), "lockpick-ckpt-"));
});
after(() => rm(dir, { recursive: true, force: true }));

async function saved(name: string) {
  const model = createModel(config, 5);
  const path = join(dir, name);
  await saveCheckpoint(model, path, {
    tokenizer: tokenizer.spec(),
    task: { id: "toy", version: "1" },
    recipe: { lr: 1e-3 },
    seed: 5,
    metrics: { accuracy: 0.5 },
    extra: { note: "test" },
  });
  return { model, path };
}

test("checkpoint round-trip restores identical weights and metadata", async () => {
  const { model, path } = await saved("roundtrip");
  const loaded = await loadCheckpoint(path, {
    task: { id: "toy", version: "1" },
    config: { dModel: 16 },
  });
  assert.deepEqual(loaded.manifest.architecture, model.config);
  assert.deepEqual(loaded.manifest.metrics, { accuracy: 0.5 });
  assert.equal(loaded.tokenizer.encode("a f").join(), tokenizer.encode("a f").join());
  const a = snapshot(model).values;
  for (const [name, values] of snapshot(loaded.model).values)
    assert.deepEqual(values, a.get(name), name);
  const modelJson = JSON.parse(await readFile(join(path, "model.json"), "utf8"));
  assert.equal(modelJson.weightsManifest[0].weights.length, parameterShapes(model.config).length);
  disposeModel(model);
  disposeModel(loaded.model);
});

test("a flipped byte in a shard is refused as corrupt", async () => {
  const { model, path } = await saved("flip");
  const shard = join(path, "group1-shard1of1.bin");
  const bytes = await readFile(shard);
  bytes[100] = bytes[100]! ^ 0x01;
  await writeFile(shard, bytes);
  await assert.rejects(loadCheckpoint(path), (err: unknown) => {
    assert.ok(err instanceof CheckpointError);
    assert.equal(err.code, "corrupt");
    assert.match(err.message, /group1-shard1of1\.bin does not match its SHA-256/);
    return true;
  });
  disposeModel(model);
});

test("a manifest that disagrees with the weights or the expectations is refused", async () => {
  const { model, path } = await saved("mismatch");
  await assert.rejects(
    loadCheckpoint(path, { task: { id: "other" } }),
    /task is toy, expected other/,
  );
  await assert.rejects(
    loadCheckpoint(path, { config: { nLayers: 3 } }),
    /architecture nLayers is 2, expected 3/,
  );
  const file = join(path, "lockpick.json");
  const manifest = JSON.parse(await readFile(file, "utf8"));
  manifest.architecture.nLayers = 3;
  await writeFile(file, JSON.stringify(manifest));
  await assert.rejects(loadCheckpoint(path), (err: unknown) => {
    assert.ok(err instanceof CheckpointError);
    assert.equal(err.code, "mismatch");
    assert.match(err.message, /do not match the architecture/);
    return true;
  });
  disposeModel(model);
});

test("safetensors export reads back equal to the weights", async () => {
  const model = createModel(config, 9);
  const file = join(dir, "model.safetensors");
  await exportSafetensors(model, file, { task: "toy" });
  const raw = await readFile(file);
  const headerLength = Number(raw.readBigUInt64LE(0));
  assert.equal((8 + headerLength) % 8, 0, "data section is 8-byte aligned");
  const { tensors, metadata } = await readSafetensors(file);
  assert.equal(metadata.task, "toy");
  assert.deepEqual([...tensors.keys()], [...model.params.keys()]);
  for (const [name, v] of model.params) {
    assert.deepEqual(tensors.get(name)!.shape, v.shape);
    assert.deepEqual(tensors.get(name)!.data, v.dataSync());
  }
  disposeModel(model);
});

test("snapshot/restore undo a seeded perturbation; the same seed gives the same noise", () => {
  const model = createModel(config, 3);
  const before = snapshot(model);
  perturb(model, { std: 0.01, seed: 42 });
  const first = snapshot(model);
  const wte = "transformer.wte.weight";
  assert.notDeepEqual(first.values.get(wte), before.values.get(wte));
  restore(model, before);
  assert.deepEqual(snapshot(model).values.get(wte), before.values.get(wte));
  perturb(model, { std: 0.01, seed: 42 });
  assert.deepEqual(snapshot(model).values.get(wte), first.values.get(wte));
  disposeModel(model);
});
