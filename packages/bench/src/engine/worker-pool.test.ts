import assert from "node:assert/strict";
import { threadId } from "node:worker_threads";
import { test } from "node:test";
import { WorkerPool } from "./worker-pool";

const job = new URL("./worker-pool-test-job.ts", import.meta.url);

test("two training jobs run at once in worker threads while the main thread stays responsive", async () => {
  const pool = new WorkerPool({ size: 2, backend: "wasm" });
  try {
    // Warm both workers (tsx, tfjs and wasm start-up) so the measured jobs start together.
    await Promise.all(
      [1, 2].map((s) => pool.run({ module: job, export: "trainFor", args: [1, s] })),
    );
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    type Out = { start: number; end: number; steps: number; threadId: number; backend: string };
    const [a, b] = await Promise.all(
      [1, 2].map((s) => pool.run<Out>({ module: job, export: "trainFor", args: [2000, s] })),
    );
    clearInterval(ticker);
    assert.ok(a && b);
    assert.notEqual(a.threadId, b.threadId);
    assert.notEqual(a.threadId, threadId);
    assert.equal(a.backend, "wasm");
    assert.ok(a.steps > 0 && b.steps > 0);
    // Concurrent, not one after the other: each job started before the other ended.
    assert.ok(a.start < b.end && b.start < a.end, `jobs overlap: ${JSON.stringify([a, b])}`);
    // The main thread kept running timers while both 2 s jobs trained (about 200 ticks on an idle
    // machine). Counted, not timed: a loaded CI machine may delay single ticks by a second.
    assert.ok(ticks >= 10, `only ${ticks} timer ticks while the jobs ran`);
  } finally {
    await pool.close();
  }
});

test("a failing job rejects with its error and the pool keeps working", async () => {
  const pool = new WorkerPool({ size: 1, backend: "wasm" });
  try {
    await assert.rejects(pool.run({ module: job, export: "fail" }), /job failed on purpose/);
    await assert.rejects(
      pool.run({ module: job, export: "missing" }),
      /no exported function missing/,
    );
    const out = await pool.run<{ steps: number }>({
      module: job,
      export: "trainFor",
      args: [1, 3],
    });
    assert.ok(out.steps > 0);
  } finally {
    await pool.close();
  }
});
