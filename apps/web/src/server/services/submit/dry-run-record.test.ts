// The stored dry run keeps what ran and how it ended, for every kind of verdict, in a shape the
// database's validator accepts.
import assert from "node:assert/strict";
import { test } from "node:test";
import { submissionDryRunSchema } from "@lockpick/db/validators";
import { dryRunConfigNote, dryRunRecord } from "./dry-run-record";

const at = new Date("2026-11-27T12:00:00Z");
const model = { task: "function-composition", lock: "ft-default" };

test("a pass keeps the model, budget, time, correctness and the refusal that ended it", () => {
  const record = dryRunRecord(
    {
      ok: true,
      status: "budget-exhausted",
      budget: 1,
      seconds: 4.5,
      model,
      correctness: 0.25,
      problems: 16,
      stoppedBy: "BudgetExceededError: demonstrations requested 5, remaining 1",
    },
    at,
  );
  assert.deepEqual(record, {
    ok: true,
    outcome: "budget-exhausted",
    task: "function-composition",
    lock: "ft-default",
    taskConfig: null,
    budget: 1,
    seconds: 4.5,
    correctness: 0.25,
    problems: 16,
    error: "BudgetExceededError: demonstrations requested 5, remaining 1",
    at: "2026-11-27T12:00:00.000Z",
  });
  assert.equal(submissionDryRunSchema.safeParse(record).success, true);
});

test("a verdict from a runner without the model fields still records what it has", () => {
  const record = dryRunRecord({ ok: true, status: "completed", budget: 1, seconds: 2 }, at);
  assert.deepEqual(
    [
      record.task,
      record.lock,
      record.taskConfig,
      record.correctness,
      record.problems,
      record.error,
    ],
    [null, null, null, null, null, null],
  );
  assert.equal(submissionDryRunSchema.safeParse(record).success, true);
});

test("a refusal keeps its kind and error (bounded); an infrastructure failure ran nothing", () => {
  const refused = dryRunRecord(
    {
      ok: false,
      kind: "plugin",
      reason: "Error: boom\n".repeat(5000),
      budget: 1,
      seconds: 3,
      model,
    },
    at,
  );
  assert.equal(refused.outcome, "plugin");
  assert.equal(refused.lock, "ft-default");
  assert.equal(refused.error?.length, 20_000);
  assert.equal(submissionDryRunSchema.safeParse(refused).success, true);
  const infra = dryRunRecord({ ok: false, kind: "infra", reason: "no runner" }, at);
  assert.deepEqual(
    [infra.outcome, infra.budget, infra.seconds, infra.error],
    ["infra", null, null, "no runner"],
  );
  assert.equal(submissionDryRunSchema.safeParse(infra).success, true);
});

test("the lock's task config is kept, and named where it is not the task's default", () => {
  const onLines1 = dryRunRecord(
    {
      ok: false,
      kind: "plugin",
      reason: "Error: boom",
      budget: 1,
      seconds: 3,
      model: { task: "program-synthesis", lock: "ft-default", taskConfig: { lines: 1 } },
    },
    at,
  );
  assert.deepEqual(onLines1.taskConfig, { lines: 1 });
  assert.equal(submissionDryRunSchema.safeParse(onLines1).success, true);
  assert.equal(dryRunConfigNote(onLines1), "lines 1");
  // The default config, recorded or not, names nothing; nor does an unknown task.
  const onDefault = dryRunRecord(
    {
      ok: true,
      status: "completed",
      budget: 1,
      seconds: 2,
      model: { ...model, taskConfig: { compositionLength: 2 } },
    },
    at,
  );
  assert.deepEqual(onDefault.taskConfig, { compositionLength: 2 });
  assert.equal(dryRunConfigNote(onDefault), "");
  assert.equal(dryRunConfigNote({ ...onDefault, taskConfig: null }), "");
  assert.equal(dryRunConfigNote({ task: "no-such-task", taskConfig: { lines: 1 } }), "");
  // Stored before the config was kept: still a valid record, named as before.
  const older: Partial<typeof onDefault> = { ...onDefault };
  delete older.taskConfig;
  assert.equal(submissionDryRunSchema.safeParse(older).success, true);
  assert.equal(dryRunConfigNote({ task: "function-composition", ...older }), "");
});
