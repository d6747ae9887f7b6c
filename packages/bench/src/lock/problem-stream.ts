// The training stream of a split: `count` problems from position `from` on, in a seeded order
// that survives restarts (the batch of step s is always the same problems).
//
// A task with several strata is sampled like `Task.iterate` (strata with equal weight), but a
// stratum whose split runs out starts its next epoch instead of dropping out. With `iterate`,
// arithmetic's small strata (levels 1–2, all of multiplication: 80–7,200 problems) left the
// stream after a few hundred steps and π_strong_base forgot them (multiplication 0% on
// validation). A single-stratum task (function composition) keeps `iterate`'s order, so its
// shipped models rebuild identically; its split is reused cyclically if it ever runs out.
import type { Problem, Task } from "@lockpick/tasks";
import { createRng } from "./rng";

type Split = "weak" | "lock";
export type ProblemStream = (from: number, count: number) => Problem[];

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** Endless problems of one stratum's split: a seeded affine permutation of its indices, repeated. */
function stratumCursor(task: Task, name: string, size: number, split: Split, seed: number) {
  const rng = createRng(seed, `stream:${name}`);
  let a = size > 1 ? 1 + rng.int(size - 1) : 1;
  while (gcd(a, size) !== 1) a = (a % (size - 1)) + 1; // a = 1 ends the loop
  const b = rng.int(size);
  let k = 0;
  return (): Problem | undefined => {
    for (let tried = 0; tried < size; tried++) {
      const id = `${name}.${(a * k + b) % size}`;
      k = (k + 1) % size;
      if (task.splitOf(id) === split) return task.problem(id);
    }
    return undefined; // a whole pass found nothing: this stratum has no problem of the split
  };
}

function cached(next: () => Problem | undefined, split: Split): ProblemStream {
  const cache: Problem[] = [];
  let size = 0; // set when `next` runs out: the cache is then reused cyclically (epochs)
  return (from, count) => {
    while (size === 0 && cache.length < from + count) {
      const problem = next();
      if (problem === undefined) size = cache.length;
      else cache.push(problem);
    }
    if (cache.length === 0) throw new Error(`split ${split} is empty`);
    if (size === 0) return cache.slice(from, from + count);
    return Array.from({ length: count }, (_, i) => cache[(from + i) % size] as Problem);
  };
}

export function problemStream(task: Task, split: Split, seed: number): ProblemStream {
  if (task.strata.length <= 1) {
    const it = task.iterate(split, seed);
    return cached(() => {
      const next = it.next();
      return next.done ? undefined : next.value;
    }, split);
  }
  const live = task.strata.map((s) => stratumCursor(task, s.name, s.size, split, seed));
  const pick = createRng(seed, "stream:strata");
  return cached(() => {
    while (live.length > 0) {
      const k = pick.int(live.length);
      const problem = live[k]?.();
      if (problem) return problem;
      live.splice(k, 1); // no problem of this split in the stratum
    }
    return undefined;
  }, split);
}
