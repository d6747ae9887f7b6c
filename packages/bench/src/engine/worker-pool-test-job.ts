// A job module for worker-pool.test.ts: trains a tiny model for a while and reports when it
// ran, on which thread and with which backend.
import { threadId } from "node:worker_threads";
import { backendInfo } from "./backend";
import { createModel, disposeModel } from "./model";
import { reverseTask } from "./test-util";
import { train } from "./train";

export async function trainFor(ms: number, seed: number) {
  const model = createModel(
    { nLayers: 1, dModel: 16, nHeads: 2, contextLength: 8, vocabSize: 8 },
    seed,
  );
  const data = reverseTask(64, 3, 5, seed);
  const start = Date.now();
  let steps = 0;
  let loss = Infinity;
  // At least one round, however short `ms` is: on a loaded machine a 1 ms budget can be gone
  // before the first check, and callers assert that training happened.
  do {
    const r = await train(model, data, {
      special: { padId: 0, eosId: 1 },
      steps: 10,
      batchSize: 16,
      seed: steps,
    });
    steps += r.steps;
    loss = r.losses.at(-1)!;
  } while (Date.now() - start < ms);
  disposeModel(model);
  return { start, end: Date.now(), steps, loss, threadId, backend: backendInfo()?.name };
}

export function fail(): never {
  throw new Error("job failed on purpose");
}
