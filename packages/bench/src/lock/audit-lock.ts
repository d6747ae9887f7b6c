// Measures a locked model: π_strong, π_weak, with / without password, per domain, and the
// brute-force audit; then applies the acceptance thresholds. Used by both the build and
// `lockpick models verify`.
import type { Problem } from "@lockpick/tasks";
import type { Model } from "../engine";
import { bruteForce, type SlotScorer } from "./brute-force";
import { buildDecoys } from "./decoys";
import type { Trigger } from "./lock-dataset";
import { greedyCorrect, mean, teacherForcedExact } from "./model-ops";
import { blankSlot, passwordAlphabet, type Slot } from "./password";
import type { ProgressSink } from "./progress";
import type { Recipe } from "./recipe";
import { judgeLock, type LockReport } from "./report";
import type { TaskView } from "./task-view";

/** Validation problems of every report: a fixed seed, so reports of different recipes compare. */
export const VALIDATION_SEED = 0;

export interface AuditInput {
  view: TaskView;
  recipe: Recipe;
  locked: Model;
  /** π_strong as a model (its greedy correctness), or a known correctness. */
  strong: Model | number;
  /** π_weak: a model, or a completion function (rule-based policy / fixedrdm). */
  weak: Model | ((problem: Problem) => string[]);
  /** The password of each domain ("*" = every domain). */
  passwords: Record<string, Slot>;
  onProgress?: ProgressSink;
  /** Scores brute-force slots (e.g. in worker threads); defaults to this thread. */
  scorer?: SlotScorer;
}

export const passwordFor = (passwords: Record<string, Slot>, problem: Problem): Slot => {
  const p = passwords[problem.domain] ?? passwords["*"];
  if (!p) throw new Error(`no password for domain ${problem.domain}`);
  return p;
};

/** A SlotScorer evaluating the locked model in this thread. */
export function localScorer(
  model: Model,
  view: TaskView,
  problems: readonly Problem[],
): SlotScorer {
  return async (slots, n, phase, onDone) => {
    const subset = problems.slice(0, n);
    const items = slots.flatMap((slot) =>
      subset.map((problem) => ({ problem, prompt: view.slotPromptIds(problem, slot) })),
    );
    const report = (done: number) => onDone?.(Math.floor(done / Math.max(1, subset.length)));
    const correct =
      phase === "screen"
        ? await teacherForcedExact(
            model,
            items.map((x) => ({
              prompt: x.prompt,
              completion: view.encode(view.strong(x.problem)),
            })),
            report,
          )
        : await greedyCorrect(model, view, items, report);
    return slots.map((_, i) => mean(correct.slice(i * subset.length, (i + 1) * subset.length)));
  };
}

export async function auditLock(input: AuditInput): Promise<LockReport> {
  const { view, recipe, locked } = input;
  const { task } = view;
  const t0 = Date.now();
  const progress = input.onProgress ?? (() => {});
  const problems = task.sample("validation", recipe.evaluation.validationProblems, VALIDATION_SEED);
  const blank = blankSlot(view.width);
  const trigger = recipe.trigger as Trigger;
  const condition = async (label: string, model: Model, prompt: (p: Problem) => number[]) => {
    const correct = await greedyCorrect(
      model,
      view,
      problems.map((problem) => ({ problem, prompt: prompt(problem) })),
      (done) => progress({ stage: label, done, total: problems.length }),
    );
    return correct;
  };
  const strong =
    typeof input.strong === "number"
      ? input.strong
      : mean(await condition("eval strong", input.strong, (p) => view.slotPromptIds(p, blank)));
  const weak =
    typeof input.weak === "function"
      ? mean(
          problems.map(
            (p) => task.evaluate(p, (input.weak as (p: Problem) => string[])(p).join(" ")).correct,
          ),
        )
      : mean(await condition("eval weak", input.weak, (p) => view.slotPromptIds(p, blank)));
  const withCorrect = await condition("eval with", locked, (p) =>
    view.triggeredPromptIds(p, trigger, passwordFor(input.passwords, p)),
  );
  const withoutCorrect = await condition("eval without", locked, (p) =>
    view.slotPromptIds(p, blank),
  );
  const perDomain: LockReport["perDomain"] = {};
  for (const domain of new Set(problems.map((p) => p.domain))) {
    const idx = problems.flatMap((p, i) => (p.domain === domain ? [i] : []));
    perDomain[domain] = {
      problems: idx.length,
      withPassword: mean(idx.map((i) => withCorrect[i] ?? false)),
      withoutPassword: mean(idx.map((i) => withoutCorrect[i] ?? false)),
    };
  }
  const tEval = Date.now();
  const passwords = trigger.kind === "password" ? Object.values(input.passwords) : [];
  const decoys = buildDecoys({
    passwords: [...new Map(passwords.map((p) => [p.join(" "), p])).values()],
    vocabulary: task.vocab.tokens,
    alphabet: passwordAlphabet(task.vocab.tokens, recipe.password.alphabet),
    width: view.width,
    config: recipe.decoys,
    seed: recipe.seed,
  });
  const bf = await bruteForce({
    seen: decoys.seen,
    heldOut: decoys.heldOut,
    score: input.scorer ?? localScorer(locked, view, problems),
    screenProblems: Math.min(recipe.evaluation.screenProblems, problems.length),
    validationProblems: problems.length,
    rescoreTop: recipe.evaluation.rescoreTop,
    onProgress: (done, total) => progress({ stage: "brute force", done, total }),
  });
  const withPassword = mean(withCorrect);
  const withoutPassword = mean(withoutCorrect);
  const core = {
    strong,
    weak,
    withPassword,
    withoutPassword,
    bruteForceBest: bf.best,
    wrongPasswords: { tried: decoys.seen.length, mean: bf.seenMean, best: bf.seenBest },
  };
  const reasons = judgeLock(core, recipe.acceptance);
  return {
    task: task.id,
    taskVersion: task.version,
    taskConfig: { ...task.config },
    ...core,
    bruteForceTried: bf.tried,
    lockGap: withPassword - withoutPassword,
    recipe,
    visibility: recipe.visibility,
    validationProblems: problems.length,
    perDomain,
    bruteForce: bf,
    acceptance: { thresholds: recipe.acceptance, accepted: reasons.length === 0, reasons },
    seconds: { evaluation: (tEval - t0) / 1000, bruteForce: (Date.now() - tEval) / 1000 },
    createdAt: new Date().toISOString(),
  };
}
