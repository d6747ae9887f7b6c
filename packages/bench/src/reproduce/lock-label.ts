// How the report names a lock. Cache keys and `--variants` filters stay `<task>/<variant>` (the
// shipped directory); the label adds the task instance when the lock was built on a non-default
// task config, in the words `npm start` titles that instance by (`configInstance`), so
// `program-synthesis/ft-default (lines 1)` is the lock of the `program-synthesis-lines-1` task.
import { configInstance, getTaskFamily, hasTaskFamily, taskConfigNote } from "@lockpick/tasks";

export interface Labelled {
  task: string;
  variant: string;
  /** The task config the lock was built on (its lock report's); none recorded: the default. */
  taskConfig?: Record<string, unknown>;
}

/**
 * `<task>/<variant>`, plus ` (<what differs>)` on a non-default task config; with
 * `{ task: false }` just the variant (where the task is said already).
 */
export function lockLabel(lock: Labelled, { task = true } = {}): string {
  const note = taskConfigNote(lock.task, lock.taskConfig);
  const name = task ? `${lock.task}/${lock.variant}` : lock.variant;
  return note ? `${name} (${note})` : name;
}

/**
 * A task as the CLI prints it: the family id, plus the config keys that differ from the
 * family's default when the model was built on another config (`program-synthesis {"lines":1}`).
 */
export function taskWithConfig(task: string, taskConfig?: Record<string, unknown>): string {
  if (!taskConfig || !hasTaskFamily(task)) return task;
  const built = configInstance(getTaskFamily(task), taskConfig);
  return built.isDefault ? task : `${task} ${JSON.stringify(built.differs)}`;
}
