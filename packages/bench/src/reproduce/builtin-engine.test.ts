// Every built-in method end to end over the REAL engine: the harness's tiny locked model, the
// sandbox child, the engine host and scoring, on each of the method's tracks, within budget.
// Params are overridden (as any run may) to keep the tiny runs to seconds.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { ParamValue, TrackId } from "@lockpick/sdk";
import { runElicitation, type BudgetLimits } from "../harness";
import { tinyLock } from "../harness/test/tiny-lock";
import { builtinSource, type BuiltinMethodId } from "../methods";

interface Case {
  track: TrackId;
  budget: number;
  params?: Record<string, ParamValue>;
  limits?: Partial<BudgetLimits>;
}

const short = { minSteps: 8, epochs: 1 };
const CASES: Record<BuiltinMethodId, Case[]> = {
  none: [{ track: "demonstrations", budget: 4 }],
  sft: [
    { track: "demonstrations", budget: 8, params: short },
    { track: "demonstrations", budget: 16, params: { ...short, select: true } },
  ],
  "sft-weak": [{ track: "weak-demonstrations", budget: 8, params: short }],
  "sft-intermediate": [{ track: "weak-demonstrations", budget: 8, params: short }],
  "expert-iteration": [{ track: "rewards", budget: 128, params: { epochs: 1 } }],
  filtering: [{ track: "rewards", budget: 128, params: { epochs: 1 } }],
  dpo: [{ track: "rewards", budget: 128, params: { minQueriesPerRound: 64 } }],
  "iterated-dpo": [{ track: "rewards", budget: 128, params: { minQueriesPerRound: 64 } }],
  "dpo-continuous": [{ track: "rewards", budget: 128, params: { minQueriesPerRound: 64 } }],
  "sft-then-rl": [
    {
      track: "rewards",
      budget: 128,
      params: { sftSteps: 4, epochs: 1 },
      limits: { demonstrations: 4 },
    },
  ],
  "few-shot": [
    { track: "demonstrations", budget: 8 },
    { track: "prompting", budget: 10_000 },
  ],
  "prompt-search": [
    { track: "demonstrations", budget: 4, params: { demos: 4, passes: 1, distill: 16, steps: 4 } },
    { track: "prompting", budget: 10_000, params: { demos: 4, passes: 1 } },
  ],
  noise: [
    { track: "rewards", budget: 128, params: { levels: 2, seedsPerLevel: 1, evalProblems: 16 } },
    { track: "demonstrations", budget: 4, params: { levels: 2, seedsPerLevel: 1 } },
  ],
};

let dir: string;
before(async () => {
  dir = (await tinyLock()).dir;
});

for (const [id, cases] of Object.entries(CASES) as [BuiltinMethodId, Case[]][]) {
  test(`builtin:${id} runs end to end on a tiny real lock`, async () => {
    for (const c of cases) {
      const result = await runElicitation({
        plugin: { source: await builtinSource(id) },
        modelDir: dir,
        track: c.track,
        budget: c.budget,
        seeds: [1],
        params: c.params ?? {},
        limits: c.limits ?? {},
        hostOptions: { backend: "wasm" },
      });
      const run = result.runs[0]!;
      const where = `${id} on ${c.track} ${c.budget}`;
      assert.notEqual(run.status, "failed", `${where}: ${run.error}`);
      assert.equal(run.method?.name, id);
      assert.ok(run.method?.tracks.includes(c.track), `${where}: a track the method declares`);
      assert.ok(run.evaluation && run.evaluation.n > 0, `${where} was scored`);
      assert.ok(run.ledger.verified, `${where}: ledger verifies`);
      for (const [kind, limit] of Object.entries(run.limits)) {
        const spent = run.spent?.[kind as keyof BudgetLimits] ?? 0;
        assert.ok(spent <= limit, `${where} spent ${spent} ${kind} of ${limit}`);
      }
      if (id !== "none") {
        const work = run.ledger.entries.filter((e) => e.outcome === "ok" && e.call !== "log");
        assert.ok(work.length > 0, `${where} did some work`);
      }
    }
  });
}
