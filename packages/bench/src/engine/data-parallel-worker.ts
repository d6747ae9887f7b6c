// One data-parallel replica (a worker thread): holds a full copy of the model and optimizer,
// computes gradients on its shard, meets the other replicas at a barrier in shared memory,
// averages all shards' gradients in a fixed order and applies the same update. Every replica
// therefore does bit-identical arithmetic on identical weights and stays in lockstep.
import * as tf from "@tensorflow/tfjs-core";
import { parentPort, workerData } from "node:worker_threads";
import { initBackend } from "./backend";
import {
  SharedLayout,
  lossWeight,
  type FromWorker,
  type ToWorker,
  type WorkerInit,
} from "./data-parallel-protocol";
import { lmLoss, type Batch } from "./loss";
import { modelFromValues, parameterShapes, type Model } from "./model";
import { disableNativeKernels, enableNativeKernels } from "./native/enable-native-kernels";
import { clipByGlobalNorm, createOptimizer, type Gradients, type Optimizer } from "./optim";
import { computeGradients } from "./train";

const init = workerData as WorkerInit;
const port = parentPort!;
const shapes = parameterShapes(init.config);
const sizes = shapes.map(([, shape]) => shape.reduce((a, b) => a * b, 1));
const paramCount = sizes.reduce((a, b) => a + b, 0);
const layout = new SharedLayout(init.shared, init.workers, paramCount);
const CONTROL_ARRIVED = 0;
const CONTROL_GENERATION = 1;
const CONTROL_FAILED = 2;

const send = (message: FromWorker) => port.postMessage(message);

/** Blocks until every replica has arrived (a generation-counting barrier). */
function barrier(): void {
  const { control } = layout;
  const generation = Atomics.load(control, CONTROL_GENERATION);
  if (Atomics.add(control, CONTROL_ARRIVED, 1) === init.workers - 1) {
    Atomics.store(control, CONTROL_ARRIVED, 0);
    Atomics.add(control, CONTROL_GENERATION, 1);
    Atomics.notify(control, CONTROL_GENERATION);
  } else {
    while (Atomics.load(control, CONTROL_GENERATION) === generation) {
      if (Atomics.load(control, CONTROL_FAILED) !== 0) throw new Error("another replica failed");
      Atomics.wait(control, CONTROL_GENERATION, generation, 1000);
    }
  }
  if (Atomics.load(control, CONTROL_FAILED) !== 0) throw new Error("another replica failed");
}

/** This shard's gradients, flattened in parameter order into `slot`; returns the shard loss. */
function shardGradients(model: Model, shard: Batch, slot: Float32Array): number {
  if (lossWeight(shard) <= 0) {
    slot.fill(0);
    return 0;
  }
  const { loss, grads } = computeGradients(model, () => lmLoss(model, shard));
  const value = loss.dataSync()[0]!;
  loss.dispose();
  let offset = 0;
  shapes.forEach(([name], i) => {
    const g = grads.get(name);
    if (g) slot.set(g.dataSync() as Float32Array, offset);
    else slot.fill(0, offset, offset + sizes[i]!);
    offset += sizes[i]!;
  });
  for (const g of grads.values()) g.dispose();
  return value;
}

/** Σ_s (W_s / W) · g_s over all replicas' slots, always in replica order. */
function averagedGradients(step: number): Gradients {
  const total = Array.from(
    { length: init.workers },
    (_, s) => layout.lossWeights[layout.weightIndex(step, s)]!,
  );
  const sum = total.reduce((a, b) => a + b, 0);
  const avg = new Float32Array(paramCount);
  for (let s = 0; s < init.workers; s++) {
    const coef = sum > 0 ? total[s]! / sum : 0;
    if (coef === 0) continue;
    const slot = layout.slot(step, s);
    for (let i = 0; i < paramCount; i++) avg[i]! += coef * slot[i]!;
  }
  const grads: Gradients = new Map();
  let offset = 0;
  shapes.forEach(([name, shape], i) => {
    grads.set(name, tf.tensor(avg.subarray(offset, offset + sizes[i]!), shape, "float32"));
    offset += sizes[i]!;
  });
  return grads;
}

async function main(): Promise<void> {
  const backend = await initBackend(init.backend);
  if (!init.native) disableNativeKernels();
  const native = init.native && backend.name === "wasm" ? enableNativeKernels() : undefined;
  const model = modelFromValues(init.config, new Map(init.weights));
  const optimizer: Optimizer = createOptimizer(model.params, init.optimizer);
  send({ kind: "ready", backend: backend.name, native: native?.summary ?? "off" });

  port.on("message", (message: ToWorker) => {
    try {
      if (message.kind === "close") {
        optimizer.dispose();
        port.close();
        return;
      }
      if (message.kind === "weights") {
        const weights: [string, Float32Array][] = [...model.params].map(([name, v]) => [
          name,
          v.dataSync() as Float32Array,
        ]);
        send({ kind: "weights", weights });
        return;
      }
      const t0 = performance.now();
      const { shard, step, lr } = message;
      const loss = shardGradients(model, shard, layout.slot(step, init.index));
      layout.lossWeights[layout.weightIndex(step, init.index)] = lossWeight(shard);
      barrier();
      const clipped = clipByGlobalNorm(averagedGradients(step), init.clipNorm);
      optimizer.apply(clipped.grads, lr);
      for (const g of clipped.grads.values()) g.dispose();
      send({
        kind: "stepped",
        loss,
        weight: lossWeight(shard),
        gradNorm: clipped.norm,
        ms: performance.now() - t0,
      });
    } catch (error) {
      Atomics.store(layout.control, CONTROL_FAILED, 1);
      Atomics.notify(layout.control, CONTROL_GENERATION);
      send({ kind: "error", message: (error as Error).stack ?? String(error) });
    }
  });
}

main().catch((error: unknown) => {
  Atomics.store(layout.control, CONTROL_FAILED, 1);
  Atomics.notify(layout.control, CONTROL_GENERATION);
  send({ kind: "error", message: (error as Error).stack ?? String(error) });
});
