// A WorkerPool job: scores brute-force slots on a locked model inside a worker thread, so the
// audit screens candidates on both cores. Models and validation problems are cached per worker.
import { createTask, type Problem } from "@lockpick/tasks";
import type { Model } from "../engine";
import { localScorer, VALIDATION_SEED } from "./audit-lock";
import { loadModel } from "./locked-model";
import { loadWeights } from "./stage-store";
import { taskView, type TaskView } from "./task-view";

export interface ScoreJobArgs {
  /** A stage directory (`stage`) or an engine checkpoint (`checkpoint`) of the locked model. */
  model: { kind: "stage" | "checkpoint"; dir: string };
  task: string;
  taskConfig: unknown;
  width: number;
  validationProblems: number;
  slots: string[][];
  problems: number;
  phase: "screen" | "rescore";
}

const cache = new Map<string, { model: Model; view: TaskView; problems: Problem[] }>();

async function setUp(args: ScoreJobArgs) {
  const key = JSON.stringify([
    args.model,
    args.task,
    args.taskConfig,
    args.width,
    args.validationProblems,
  ]);
  const hit = cache.get(key);
  if (hit) return hit;
  const task = createTask(args.task, args.taskConfig);
  const view = taskView(task, args.width);
  const model =
    args.model.kind === "stage"
      ? await loadWeights(args.model.dir)
      : await loadModel(args.model.dir, task.vocab.tokens);
  const problems = task.sample("validation", args.validationProblems, VALIDATION_SEED);
  const entry = { model, view, problems };
  cache.set(key, entry);
  return entry;
}

export async function scoreSlots(args: ScoreJobArgs): Promise<number[]> {
  const { model, view, problems } = await setUp(args);
  return localScorer(model, view, problems)(args.slots, args.problems, args.phase);
}
