// What the locking pipeline needs of a task, in tokens: prompts in the slot layout, policy
// completions, and evaluation of generated token ids.
import { splitTokens, type Problem, type Task } from "@lockpick/tasks";
import { slotPrompt, type Trigger, triggeredPrompt } from "./lock-dataset";
import type { Slot } from "./password";
import type { Recipe } from "./recipe";

export interface TaskView {
  task: Task;
  width: number;
  contextLength: number;
  maxCompletionTokens: number;
  promptTokens(problem: Problem): string[];
  strong(problem: Problem): string[];
  weak(problem: Problem): string[];
  fixedrdm(problem: Problem): string[];
  encode(tokens: readonly string[]): number[];
  /** Prompt ids with `slot` at both ends. */
  slotPromptIds(problem: Problem, slot: Slot): number[];
  /** Prompt ids in the trigger's strong condition (password in the slot, or the variation). */
  triggeredPromptIds(problem: Problem, trigger: Trigger, password: Slot): number[];
  /** Scores generated ids (eos stripped) as the task's evaluator sees them. */
  evaluate(problem: Problem, ids: readonly number[], stopped: boolean): boolean;
}

/** π_weak's completion when π_weak is not a model: the task's rule-based policy, or fixedrdm. */
export const policyWeak =
  (view: TaskView, kind: Recipe["weak"]["kind"]) =>
  (p: Problem): string[] =>
    kind === "fixedrdm" ? view.fixedrdm(p) : view.weak(p);

export function taskView(task: Task, width: number): TaskView {
  const { vocab } = task;
  const encode = (tokens: readonly string[]) =>
    tokens.map((t) => {
      if (!vocab.has(t)) throw new Error(`token "${t}" is not in the ${task.id} vocabulary`);
      return vocab.id(t);
    });
  const promptTokens = (p: Problem) => splitTokens(p.prompt);
  return {
    task,
    width,
    contextLength: task.contextLength(width, 2),
    maxCompletionTokens: task.maxCompletionTokens,
    promptTokens,
    strong: (p) => splitTokens(task.policies.strong(p)),
    weak: (p) => splitTokens(task.policies.weak(p)),
    fixedrdm: (p) => splitTokens(task.policies.fixedrdm(p)),
    encode,
    slotPromptIds: (p, slot) => encode(slotPrompt(slot, promptTokens(p))),
    triggeredPromptIds: (p, trigger, password) =>
      encode(triggeredPrompt(trigger, promptTokens(p), password, width)),
    evaluate(problem, ids, stopped) {
      const text = vocab.decode(ids as number[]) + (stopped ? " <eos>" : "");
      return task.evaluate(problem, text).correct;
    },
  };
}
