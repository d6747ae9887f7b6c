// Type tests (checked by `npm run typecheck`) and the little runtime the SDK has.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BudgetExceededError,
  defineMethod,
  HostCallError,
  type ElicitContext,
  type MethodDefinition,
} from "./index";
import template from "./template";

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(_: T) => undefined;

test("defineMethod returns its definition and infers params", () => {
  const method = defineMethod({
    name: "probe",
    track: "rewards",
    params: { rounds: 3, source: "weak", greedy: true },
    async elicit(ctx) {
      expectType<Equal<typeof ctx.params.rounds, number>>(true);
      expectType<Equal<typeof ctx.params.source, string>>(true);
      // @ts-expect-error params are read-only
      ctx.params.rounds = 4;
      // @ts-expect-error unknown params are not there
      void ctx.params.missing;
      // @ts-expect-error unknown budget kinds are rejected
      ctx.budget.remaining("gpuHours");
      // problems (anything with a `prompt`) are prompts too
      await ctx.model.generate(ctx.problems.sample(1));
      // @ts-expect-error but not bare numbers
      await ctx.model.generate([1]);
      const outs: string[][] = await ctx.model.generate(["a"], { n: 2 });
      void outs;
      // the scoring prompt: slot and/or prefix text, returns nothing
      const set: void = ctx.setScoringPrompt({ slot: "p1 p2 p3 p4", prefix: "a b" });
      void set;
      // @ts-expect-error the slot is text, not tokens ids
      ctx.setScoringPrompt({ slot: [1, 2] });
    },
  });
  assert.equal(method.name, "probe");
  assert.deepEqual(method.params, { rounds: 3, source: "weak", greedy: true });
});

test("definitions reject wrong tracks and params", () => {
  // @ts-expect-error not a track
  defineMethod({ name: "x", track: "bandits", elicit() {} });
  // @ts-expect-error params must be numbers, strings or booleans
  defineMethod({ name: "x", track: "rewards", params: { nested: { a: 1 } }, elicit() {} });
  const many: MethodDefinition = defineMethod({
    name: "x",
    track: ["demonstrations", "prompting"],
    elicit(ctx: ElicitContext) {
      // @ts-expect-error the context is read-only
      ctx.track = "rewards";
    },
  });
  assert.deepEqual(many.track, ["demonstrations", "prompting"]);
});

test("BudgetExceededError carries what was refused", () => {
  const error = new BudgetExceededError("rewardQueries", 64, 10);
  assert.ok(error instanceof Error);
  assert.equal(error.name, "BudgetExceededError");
  assert.equal(error.kind, "rewardQueries");
  assert.equal(error.requested, 64);
  assert.equal(error.remaining, 10);
  assert.match(error.message, /rewardQueries requested 64, remaining 10/);
  assert.equal(new HostCallError("bad").name, "HostCallError");
});

test("the template is a valid definition", () => {
  assert.equal(template.name, "template-sft");
  assert.equal(typeof template.elicit, "function");
  assert.deepEqual(template.track, ["demonstrations", "weak-demonstrations"]);
});
