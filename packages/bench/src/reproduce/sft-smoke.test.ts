// A small real smoke of the headline result: the built-in `sft` on 256 strong demonstrations
// recovers most of the shipped default function-composition lock (scored on 300 validation
// problems to keep it near a minute). Skipped only while the reference lock is not built.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { runElicitation } from "../harness";
import { MODELS_ROOT } from "../lock/reference-models";
import { builtinSource } from "../methods";

const dir = join(MODELS_ROOT, "function-composition", "ft-default");
const built = existsSync(join(dir, "lock-report.json"));

test(
  "builtin:sft with k = 256 recovers most of the default lock",
  { skip: built ? false : "the reference lock function-composition/ft-default is not built" },
  async () => {
    const result = await runElicitation({
      plugin: { source: await builtinSource("sft") },
      modelDir: dir,
      track: "demonstrations",
      budget: 256,
      seeds: [1],
      hostOptions: { validationProblems: 300 },
    });
    const run = result.runs[0]!;
    assert.equal(run.status, "completed", run.error);
    assert.ok((run.recovery ?? -1) >= 0.6, `recovery ${run.recovery} at k = 256`);
  },
);
