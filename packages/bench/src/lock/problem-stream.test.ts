import assert from "node:assert/strict";
import { test } from "node:test";
import { createTask } from "@lockpick/tasks";
import { problemStream } from "./problem-stream";

const stratumOf = (id: string) => id.slice(0, id.lastIndexOf("."));

test("small strata stay in the stream after their split runs out (epochs, not drop-out)", () => {
  const task = createTask("arithmetic");
  const stream = problemStream(task, "lock", 11);
  const late = stream(20_000, 4_500); // mul1 has ~32 lock problems: long exhausted by now
  const counts = new Map<string, number>();
  for (const p of late) {
    assert.equal(task.splitOf(p), "lock");
    counts.set(stratumOf(p.id), (counts.get(stratumOf(p.id)) ?? 0) + 1);
  }
  assert.equal(counts.size, task.strata.length);
  for (const [name, n] of counts) assert.ok(n > 350 && n < 650, `${name}: ${n} of 4,500`);
  // The first epoch of a stratum has no repeats.
  const first = stream(0, 900).map((p) => p.id);
  const mul3 = first.filter((id) => stratumOf(id) === "mul3");
  assert.equal(new Set(mul3).size, mul3.length);
});

test("the stream is a pure function of (seed, position): restarts see the same batches", () => {
  const task = createTask("arithmetic");
  const a = problemStream(task, "lock", 5)(640, 64).map((p) => p.id);
  const b = problemStream(task, "lock", 5);
  b(0, 10);
  assert.deepEqual(
    b(640, 64).map((p) => p.id),
    a,
  );
  assert.notDeepEqual(
    problemStream(task, "lock", 6)(640, 64).map((p) => p.id),
    a,
  );
});

test("a single-stratum task keeps Task.iterate's order (shipped models rebuild identically)", () => {
  const task = createTask("function-composition");
  assert.equal(task.strata.length, 1);
  const ids = problemStream(task, "lock", 11)(0, 300).map((p) => p.id);
  assert.deepEqual(
    ids,
    task.sample("lock", 300, 11).map((p) => p.id),
  );
});
