// The stored dry run keeps what ran and how it ended, for every kind of verdict, in a shape the
// database's validator accepts.
import assert from "node:assert/strict";
import { test } from "node:test";
import { submissionDryRunSchema } from "@lockpick/db/validators";
import { dryRunRecord } from "./dry-run-record";

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
    [record.task, record.lock, record.correctness, record.problems, record.error],
    [null, null, null, null, null],
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
