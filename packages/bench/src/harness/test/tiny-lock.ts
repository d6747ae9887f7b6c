// A real locked model for the harness's end-to-end tests: the "tiny" recipe cut down further,
// built once per test process into a temporary directory (about half a minute on one core).
// It barely learns the task; the tests check the plumbing over the real engine, not recovery.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildLock } from "../../lock/build-lock";
import { parseRecipe } from "../../lock/recipe";
import { mergeDeep, namedRecipe } from "../../lock/recipes";

let built: Promise<{ dir: string; password: string }> | undefined;

export function tinyLock(): Promise<{ dir: string; password: string }> {
  built ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), "lockpick-harness-lock-"));
    const recipe = parseRecipe(
      mergeDeep(namedRecipe("tiny"), {
        name: "harness-test",
        strongBase: { maxSteps: 40, evalEvery: 20, devProblems: 16 },
        lock: { schedule: { steps: 40, batchSize: 16, warmupSteps: 0, cooldownSteps: 4 } },
        decoys: { random: 4 },
        evaluation: { validationProblems: 48, screenProblems: 8, rescoreTop: 1 },
      }),
    );
    const result = await buildLock("function-composition", recipe, dir, { workers: 1 });
    return { dir, password: Object.values(result.passwords)[0]!.join(" ") };
  })();
  return built;
}
