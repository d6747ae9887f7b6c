// A stand-in workload for queue tests: for `params.syntheticMs` milliseconds it alternates a
// little hashing with short sleeps (so tests on a shared 2-core machine stay light), reporting
// progress, then returns a result derived from the run and seed. `params.syntheticFail` ("plugin" | "budget" | "crash") exercises the failure paths.
import { createHash } from "node:crypto";
import type { WorkerHooks } from "../worker/protocol";
import type { RunOutcome, RunRequest } from "./run-request";

export default async function syntheticRun(
  request: RunRequest,
  hooks: WorkerHooks,
): Promise<RunOutcome> {
  const total = Number(request.params.syntheticMs ?? 2000);
  const fail = request.params.syntheticFail;
  const started = Date.now();
  let digest = Buffer.from(`${request.runId}:${request.seed}`);
  let lastTenth = -1;
  hooks.progress({ phase: "elicit", percent: 0, etaSeconds: Math.ceil(total / 1000) });
  while (Date.now() - started < total) {
    for (let i = 0; i < 200; i++) digest = createHash("sha256").update(digest).digest();
    await new Promise((r) => setTimeout(r, 50));
    const percent = Math.min(100, ((Date.now() - started) / total) * 100);
    const tenth = Math.floor(percent / 10);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      hooks.log(`synthetic step ${tenth}/10 digest ${digest.toString("hex").slice(0, 12)}`);
      if (fail === "crash" && tenth >= 3) process.exit(3);
    }
    hooks.progress({
      phase: "elicit",
      percent,
      etaSeconds: Math.max(0, Math.ceil((total - (Date.now() - started)) / 1000)),
    });
  }
  if (fail === "plugin")
    return { status: "failed", kind: "plugin", reason: "Error: synthetic plugin failure" };
  if (fail === "budget") {
    return {
      status: "failed",
      kind: "budget",
      reason: "budget exceeded: demonstrations requested 5, remaining 4",
    };
  }
  // The result depends on the run and seed only, not on how many slices ran.
  const seedHash = createHash("sha256").update(`${request.runId}:${request.seed}`).digest();
  const correctness = (seedHash.readUInt16BE(0) % 1000) / 1000;
  return {
    status: "succeeded",
    correctness,
    recovery: correctness,
    metrics: { synthetic: true, work: digest.toString("hex") },
    curves: {
      correctness: [
        { step: 0, value: 0 },
        { step: 1, value: correctness },
      ],
    },
    spentBudget: { wallClockMs: Date.now() - started },
    reproducibility: { seed: request.seed, budget: request.budget, executor: "synthetic" },
  };
}
