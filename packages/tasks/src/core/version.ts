// Task versions are `N-X` (docs/tasks.md "Versions"): results are comparable only while `N` is
// unchanged; `X` bumps leave every problem, split and score of the default configuration as they
// were. Everything that asks "is this checkpoint/result still valid for this task?" asks here.
import { z } from "zod";

export const taskVersionSchema = z
  .string()
  .regex(/^(0|[1-9]\d*)-(0|[1-9]\d*)$/, 'a task version is "N-X" (two whole numbers, e.g. "1-0")');

/** `N` of an `N-X` version (throws on a malformed version, naming it). */
export function versionMajor(version: string): number {
  const parsed = taskVersionSchema.safeParse(version);
  if (!parsed.success)
    throw new Error(
      `malformed task version ${JSON.stringify(version)}: expected "N-X", e.g. "1-0"`,
    );
  return Number(version.slice(0, version.indexOf("-")));
}

/** True when results on version `a` are comparable with results on `b` (same `N`). */
export function comparableVersions(a: string, b: string): boolean {
  return versionMajor(a) === versionMajor(b);
}

/**
 * Why something made on `task` at version `locked` may not be used with the task at `current`
 * ("locked on code-critique 1-0, task is 2-0: N differs …"), or undefined when it may.
 */
export function versionMismatch(task: string, locked: string, current: string): string | undefined {
  if (comparableVersions(locked, current)) return undefined;
  return (
    `locked on ${task} ${locked}, task is ${current}: N differs, so results are not ` +
    `comparable (task versions are N-X; only X may differ)`
  );
}
