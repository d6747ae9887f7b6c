// `npm run bench:engine`: trains the reference shape every way this machine can and prints, as
// its last line, {"backend","msPerStep","msPerStepOneCore","tokensPerSec","decodeTokensPerSec"}.
// Before it: the same-run references (plain wasm = the engine without the addon, and the
// OpenBLAS-only matmul floor), ratios against them and against PyTorch's quoted 62 ms/step.
// Flags: --quick (fewer rounds), --profile (per-kernel table of one single-core step).
import { loadavg } from "node:os";
import * as tf from "@tensorflow/tfjs-core";
import {
  computeGradients,
  createOptimizer,
  disposeModel,
  generate,
  initBackend,
  lmLoss,
  trainStep,
} from "../src/engine";
import { DataParallelTrainer, modelWeights } from "../src/engine/data-parallel";
import {
  disableNativeKernels,
  enableNativeKernels,
} from "../src/engine/native/enable-native-kernels";
import { gemmFloor } from "./gemm-floor";
import { formatProfile, installKernelProfiler } from "./kernel-profile";
import { fmt, timeRounds, type Timing } from "./measure";
import { ADAM, BATCH, referenceBatch, referenceModel, stepGflop } from "./reference-shape";

const PYTORCH_MS = 62; // shared/design/REFERENCE-RESULTS.md: PyTorch 1.13, OpenBLAS, 1 thread, idle
const quick = process.argv.includes("--quick");
const profile = process.argv.includes("--profile");
const rounds = quick ? 2 : 5;
const tokensPerStep = BATCH * 24;

const log = (line = "") => console.log(line);

/** One job on the main thread (= one core): the engine's own trainStep on the full batch. */
async function singleCore(label: string, steps: number): Promise<Timing> {
  const model = referenceModel();
  const optimizer = createOptimizer(model.params, ADAM);
  const batch = referenceBatch();
  const step = () => trainStep(model, optimizer, () => lmLoss(model, batch), 1e-3, 0);
  const cpu0 = process.cpuUsage();
  const t = await timeRounds(step, { warmup: 3, steps, rounds });
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000 / (3 + steps * rounds);
  const list = t.rounds.map((r) => r.toFixed(0)).join(" ");
  log(
    `${label.padEnd(34)} ${fmt(t.median).padStart(10)}   rounds ${list}; process CPU ${cpuMs.toFixed(0)} ms/step`,
  );
  if (profile) {
    const profiler = installKernelProfiler("wasm");
    for (let i = 0; i < 5; i++) step();
    log(formatProfile(profiler.stats(), 5, 18));
    profiler.uninstall();
  }
  optimizer.dispose();
  disposeModel(model);
  return t;
}

/** One job on `workers` threads, data-parallel. */
async function dataParallel(label: string, workers: number, native: boolean): Promise<Timing> {
  const model = referenceModel();
  const trainer = await DataParallelTrainer.create({
    config: model.config,
    weights: modelWeights(model),
    optimizer: ADAM,
    clipNorm: 0,
    workers,
    native,
  });
  const batch = referenceBatch();
  try {
    const t = await timeRounds(() => trainer.step(batch, 1e-3), { warmup: 3, steps: 10, rounds });
    log(
      `${label.padEnd(34)} ${fmt(t.median).padStart(10)}   rounds ${t.rounds.map((r) => r.toFixed(0)).join(" ")}`,
    );
    log(`${"".padEnd(34)} replicas: ${trainer.backends[0]}`);
    return t;
  } finally {
    await trainer.close();
    disposeModel(model);
  }
}

/** Greedy decoding with the KV cache: 64 prompts of 24 tokens, 24 new tokens each. */
async function decode(): Promise<number> {
  // Context 48 so that 24 prompt + 24 new tokens fit; every other dimension is the reference's.
  const model = referenceModel(2, { contextLength: 48 });
  const prompts = referenceBatch(3).ids.length
    ? Array.from({ length: BATCH }, (_, r) =>
        Array.from(referenceBatch(3).ids.subarray(r * 24, r * 24 + 24)),
      )
    : [];
  const run = () => generate(model, prompts, { maxTokens: 24, batchSize: BATCH });
  const t = await timeRounds(run, { warmup: 1, steps: 2, rounds });
  disposeModel(model);
  return (BATCH * 24) / (t.median / 1000);
}

async function main(): Promise<void> {
  const info = await initBackend("wasm");
  log(
    `lockpick engine benchmark: reference shape 2×128, 4 heads, MLP 4×, ctx 24, vocab 64, batch 64, Adam`,
  );
  log(
    `backend ${info.name}; one step ≈ ${stepGflop().toFixed(2)} GFLOP of matmuls; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  log(`median of ${rounds} rounds (ms/step)`);
  log();

  // Sanity: the step really trains (loss falls) before anything is timed.
  {
    const model = referenceModel();
    const batch = referenceBatch();
    const first = computeGradients(model, () => lmLoss(model, batch));
    const before = first.loss.dataSync()[0]!;
    first.loss.dispose();
    for (const g of first.grads.values()) g.dispose();
    const optimizer = createOptimizer(model.params, ADAM);
    let after = before;
    for (let i = 0; i < 10; i++)
      after = trainStep(model, optimizer, () => lmLoss(model, batch), 3e-3, 0).loss;
    optimizer.dispose();
    disposeModel(model);
    if (!(after < before))
      throw new Error(`reference step does not train: loss ${before} → ${after}`);
    log(`sanity: loss ${before.toFixed(3)} → ${after.toFixed(3)} after 10 steps on one batch`);
  }

  disableNativeKernels();
  const plain = await singleCore("wasm, 1 core (no addon)", quick ? 2 : 3);
  const native = enableNativeKernels();
  log(`native kernels: ${native.summary}`);
  const oneCore = native.used ? await singleCore("wasm + openblas, 1 core", 10) : plain;
  const dpPlain = await dataParallel("wasm, 2 workers (data-parallel)", 2, false);
  const dpNative = native.used
    ? await dataParallel("wasm + openblas, 2 workers", 2, true)
    : dpPlain;
  const floor = await gemmFloor(rounds);
  const decodeTps = await decode();
  log();

  const candidates: [string, number][] = [
    ["wasm", plain.median],
    ["wasm+openblas", oneCore.median],
    ["wasm x2 data-parallel", dpPlain.median],
    ["wasm+openblas x2 data-parallel", dpNative.median],
  ];
  const oneCoreBest = Math.min(plain.median, oneCore.median);
  const [backend, best] = candidates.reduce((a, b) => (b[1] < a[1] ? b : a));
  log(
    `fastest: ${backend} at ${fmt(best)}/step = ${(tokensPerStep / (best / 1000)).toFixed(0)} tokens/s`,
  );
  log(
    `vs PyTorch 1.13 (quoted, 1 thread, idle): ${(best / PYTORCH_MS).toFixed(2)}× its ${PYTORCH_MS} ms (target ≤ 2×); one core ${(oneCoreBest / PYTORCH_MS).toFixed(2)}×`,
  );
  log(
    `vs same-run plain wasm (1 core): ${(plain.median / best).toFixed(1)}× faster; one core ${(plain.median / oneCoreBest).toFixed(1)}×`,
  );
  if (floor) {
    log(
      `same-run OpenBLAS matmul floor (C, 1 thread, ${floor.gflop.toFixed(2)} GFLOP): ${fmt(floor.ms)}/step = ${(floor.gflop / (floor.ms / 1000)).toFixed(0)} GFLOP/s; engine 1 core is ${(oneCoreBest / floor.ms).toFixed(1)}× it`,
    );
  }
  log(`decode: greedy, KV cache, 64 × 24 new tokens: ${decodeTps.toFixed(0)} tokens/s`);
  log(
    JSON.stringify({
      backend,
      msPerStep: Number(best.toFixed(1)),
      msPerStepOneCore: Number(oneCoreBest.toFixed(1)),
      tokensPerSec: Math.round(tokensPerStep / (best / 1000)),
      decodeTokensPerSec: Math.round(decodeTps),
    }),
  );
  tf.disposeVariables();
}

await main();
