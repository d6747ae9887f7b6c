// The adversarial suite: hostile plugins that must each be contained. Every case runs in its
// own sandbox child over the fake host (no engine needed to test containment) and must end its
// own run with a clear outcome while the test process, the runner stand-in, carries on.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { SandboxResult } from "./protocol";
import { FAKE_PASSWORD } from "../test/fake-model-host";
import { plugin, runFake, type FakeRunOptions } from "../test/run-fake";

interface Case {
  name: string;
  source: string;
  options?: FakeRunOptions;
  status: SandboxResult["status"];
  error?: RegExp;
  check?: (result: SandboxResult) => void;
}

const logged = (r: SandboxResult) =>
  Object.assign({}, ...r.logs.map((l) => l.metrics)) as Record<string, unknown>;

const cases: Case[] = [
  {
    name: "reads process, require, module, fetch and host globals",
    source: plugin(`
      const g = globalThis;
      ctx.log({
        process: typeof process, require: typeof globalThis.require, module: typeof module,
        requireFs: (() => { try { require(["f", "s"].join("")); return "loaded"; } catch { return "refused"; } })(),
        fetch: typeof fetch, bridge: typeof g.__lockpick_bridge, Buffer: typeof Buffer,
        setTimeout: typeof setTimeout, globals: Object.getOwnPropertyNames(g).filter((n) => n.startsWith("__")).join(","),
      });`),
    status: "completed",
    check: (r) =>
      assert.deepEqual(logged(r), {
        process: "undefined",
        require: "undefined",
        module: "undefined",
        fetch: "undefined",
        requireFs: "refused",
        bridge: "undefined",
        Buffer: "undefined",
        setTimeout: "undefined",
        globals: "__lockpick_sdk,__lockpick_describe,__lockpick_start,__lockpick_plugin",
      }),
  },
  {
    name: "constructor.constructor and eval escapes reach only the isolate's own realm",
    source: plugin(`
      const viaCtx = ctx.constructor.constructor("return typeof process")();
      const viaHostFn = ctx.model.generate.constructor("return typeof require")();
      const viaEval = eval("typeof process + typeof globalThis.require");
      const viaThis = Function("return this")() === globalThis;
      ctx.log({ viaCtx, viaHostFn, viaEval, viaThis });
      return Function("return process")().env;`),
    status: "failed",
    error: /ReferenceError: process is not defined/,
    check: (r) =>
      assert.deepEqual(logged(r), {
        viaCtx: "undefined",
        viaHostFn: "undefined",
        viaEval: "undefinedundefined",
        viaThis: true,
      }),
  },
  {
    name: "dynamic import with a computed specifier",
    source: plugin(`const name = ["f", "s"].join(""); await import(name);`),
    status: "failed",
    error: /Error: Not supported/,
  },
  {
    name: "prototype pollution and mutation of the frozen ctx",
    source: plugin(`
      Object.prototype.n = 1e9;
      Object.prototype.demonstrations = 1e9;
      Array.prototype.length2 = 5;
      for (const f of [
        () => { ctx.budget.limits.demonstrations = 1e9; },
        () => { ctx.budget.remaining = () => 1e9; },
        () => { ctx.model.generate = async () => [["x"]]; },
        () => { Object.defineProperty(ctx, "track", { value: "rewards" }); },
        () => { globalThis.__lockpick_sdk = null; },
      ]) { try { f(); } catch { /* strict code throws, sloppy code is ignored */ } }
      Object.getPrototypeOf(ctx.budget).remaining = () => 1e9;
      const generate = ctx.model.generate.toString().slice(0, 9);
      ctx.log({
        limit: ctx.budget.limits.demonstrations, track: ctx.track, sdk: typeof globalThis.__lockpick_sdk,
        remaining: ctx.budget.remaining("demonstrations"), generate,
      });
      await ctx.demonstrations(4);
      await ctx.demonstrations(1);`),
    options: { budget: 4 },
    status: "budget-exhausted",
    error: /demonstrations requested 1, remaining 0/,
    check: (r) => {
      assert.deepEqual(logged(r), {
        limit: 4,
        track: "demonstrations",
        sdk: "object",
        remaining: 4,
        generate: "(prompts,",
      });
      assert.equal(r.spent?.demonstrations, 4);
      assert.equal(({} as Record<string, unknown>).n, undefined, "the host realm is untouched");
    },
  },
  {
    name: "toJSON pollution that rewrites arguments is refused by the host",
    source: plugin(`Object.prototype.toJSON = function () { return { n: 1e9, steps: 1e9 }; };
      await ctx.demonstrations(1);`),
    status: "failed",
    error: /HostCallError: invalid arguments to demonstrations/,
    check: (r) => assert.equal(r.spent?.demonstrations, 0),
  },
  {
    name: "huge strings and arrays through the bridge",
    source: plugin(`
      const out = [];
      for (const f of [
        () => ctx.model.generate(["a ".repeat(3_000_000)]),
        () => ctx.model.generate([{ prompt: "a".repeat(5000) }]),
        () => ctx.model.generate(Array(100_000).fill("a b")),
        () => ctx.reward(Array(10_000).fill("e1"), Array(10_000).fill("a")),
        () => ctx.model.sft([{ prompt: "a", completion: "a", weight: 1e9 }]),
      ]) { try { await f(); out.push("accepted"); } catch (e) { out.push(e.name + ": " + e.message.slice(0, 40)); } }
      ctx.log({ out: out.join(" | ").slice(0, 250) });`),
    options: { memoryMb: 96 },
    status: "completed",
    check: (r) => {
      const out = String(logged(r).out);
      assert.equal((out.match(/HostCallError/g) ?? []).length, 5, out);
      assert.match(out, /exceed 419430/);
      assert.equal(r.spent?.generatedTokens, 0);
    },
  },
  {
    name: "infinite loop while the module loads",
    source: `for (;;) {}\nexport default 1;`,
    status: "failed",
    error: /failed while loading.*(CPU|timed out)/,
  },
  {
    name: "infinite synchronous loop in elicit",
    source: plugin(`let i = 0; for (;;) { i++; }`),
    status: "failed",
    error: /CPU time limit of 500 ms exceeded/,
  },
  {
    name: "infinite asynchronous promise chain",
    source: plugin(
      `const spin = () => Promise.resolve().then(spin); spin(); await new Promise(() => {});`,
    ),
    status: "failed",
    // Each turn of the chain also keeps a promise alive, so on a slow (loaded) machine the
    // memory limit can trip before the CPU limit; either way it ends inside the child.
    error: /CPU time limit|memory limit of \d+ MB exceeded/,
  },
  {
    name: "a promise that never settles, with Date.now tampered, ends at the wall clock",
    source: plugin(`Date.now = () => 0; await ctx.demonstrations(2); await new Promise(() => {});`),
    options: { limits: { wallClockMs: 800 }, evaluate: true },
    status: "budget-exhausted",
    error: /wall clock of 800 ms used up/,
    check: (r) => assert.ok(r.evaluation && r.evaluation.n > 0, "scored as it stands"),
  },
  {
    name: "memory bomb of arrays",
    source: plugin(`const keep = []; for (;;) keep.push(new Array(1e5).fill(Math.random()));`),
    options: { cpuMs: 20_000 },
    status: "failed",
    error: /memory limit of 64 MB exceeded/,
  },
  {
    name: "memory bomb of array buffers",
    source: plugin(
      `const keep = []; for (;;) keep.push(new Uint8Array(64 * 1024 * 1024).fill(1));`,
    ),
    options: { cpuMs: 20_000 },
    status: "failed",
    error: /memory limit|RangeError/,
  },
  {
    name: "Atomics.wait blocking the isolate thread forever",
    source: plugin(`Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);`),
    options: { limits: { wallClockMs: 600 }, graceMs: 1500 },
    status: "failed",
    // isolated-vm counts a blocked isolate thread as running time: the CPU limit stops it.
    error: /CPU time limit/,
  },
  {
    name: "racing concurrent calls to overspend",
    source: plugin(`
      const results = await Promise.all(Array.from({ length: 60 }, () =>
        ctx.demonstrations(1).then(() => "ok", (e) => e.name)));
      const count = (x) => results.filter((r) => r === x).length;
      ctx.log({ ok: count("ok"), budget: count("BudgetExceededError"), host: count("HostCallError") });`),
    options: { budget: 4 },
    status: "completed",
    check: (r) => {
      const l = logged(r);
      assert.equal(l.ok, 4);
      assert.equal(Number(l.budget) + Number(l.host), 56);
      assert.equal(r.spent?.demonstrations, 4);
    },
  },
  {
    name: "a flood of synchronous host calls hits the call cap",
    source: plugin(`for (;;) ctx.problems.list(0, 1);`),
    options: { cpuMs: 20_000, limits: { wallClockMs: 60_000 } },
    status: "failed",
    error: /HostCallError: more than 20000 host calls/,
    check: (r) => assert.equal(r.ledger.entries.length, 20001),
  },
  {
    name: "hunting for the password through everything reachable",
    source: plugin(`
      const seen = new Set(); const strings = [];
      const walk = (v, depth) => {
        if (depth > 6 || v === null || seen.has(v)) return;
        if (typeof v === "string") { strings.push(v); return; }
        if (typeof v !== "object" && typeof v !== "function") return;
        seen.add(v);
        if (typeof v === "function") strings.push(Function.prototype.toString.call(v));
        for (const k of Reflect.ownKeys(v)) {
          let x; try { x = Object.getOwnPropertyDescriptor(v, k).value; } catch { continue; }
          if (typeof k === "string") strings.push(k);
          walk(x, depth + 1);
        }
        walk(Object.getPrototypeOf(v), depth + 1);
      };
      walk(globalThis, 0); walk(ctx, 0);
      walk(ctx.problems.list(0, 200), 0);
      walk(await ctx.demonstrations(16), 0);
      walk(await ctx.model.generate(ctx.problems.sample(50)), 0);
      ctx.log({ strings: strings.length, found: strings.some((s) => s.includes(${JSON.stringify(FAKE_PASSWORD)})) });`),
    status: "completed",
    check: (r) => {
      assert.equal(logged(r).found, false);
      assert.ok(Number(logged(r).strings) > 100);
    },
  },
  {
    name: "returning garbage (a hostile proxy) fails the run with its error",
    source: plugin(
      `return new Proxy({}, { get() { throw new Error("gotcha"); }, getPrototypeOf() { for (;;) {} } });`,
    ),
    status: "failed",
    error: /Error: gotcha/,
  },
  {
    name: "a thenable returned from elicit that never settles the CPU",
    source: plugin(`return { then() { for (;;) {} } };`),
    status: "failed",
    error: /CPU time limit/,
  },
  {
    name: "throwing a number",
    source: plugin(`throw 42;`),
    status: "failed",
    error: /^non-Error value thrown \(number\): 42$/,
  },
  {
    name: "throwing an object whose toString throws",
    source: plugin(`throw { toString() { throw new Error("nested"); } };`),
    status: "failed",
    error: /^unprintable value thrown \(object\)$/,
  },
  {
    name: "throwing a revoked proxy",
    source: plugin(`const p = Proxy.revocable({}, {}); p.revoke(); throw p.proxy;`),
    status: "failed",
    error: /thrown/,
  },
  {
    name: "unbounded recursion",
    source: plugin(`const f = () => f() + 1; f();`),
    status: "failed",
    error: /RangeError: Maximum call stack size exceeded/,
  },
  {
    name: "forging a BudgetExceededError no host call raised",
    source: plugin(`throw new BudgetExceededError("demonstrations", 1, 0);`),
    status: "failed",
    error: /no host call raised/,
  },
  {
    name: "a default export that is not a method",
    source: `export default { name: "x", elicit: 5 };`,
    status: "failed",
    error: /default export must be defineMethod/,
  },
  {
    name: "a method run on a track it does not declare",
    source: plugin(``, "rewards"),
    status: "failed",
    error: /does not compete on track demonstrations/,
  },
  {
    name: "work fired and not awaited stays within budget",
    source: plugin(`
      const demos = await ctx.demonstrations(4);
      for (let i = 0; i < 40; i++) ctx.model.sft(demos, { steps: 10 }).catch(() => {});`),
    options: { budget: 4, limits: { trainingTokens: 500 } },
    status: "completed",
    check: (r) => {
      assert.ok((r.spent?.trainingTokens ?? 0) <= 500);
      const charged = r.ledger.entries.reduce((s, e) => s + (e.cost.trainingTokens ?? 0), 0);
      assert.equal(charged, r.spent?.trainingTokens);
    },
  },
];

test("hostile plugins are contained", { concurrency: 4 }, async (t) => {
  // HOSTILE_ONLY=<substring> runs the matching cases only (while developing).
  const only = process.env.HOSTILE_ONLY;
  for (const c of cases.filter((x) => !only || x.name.includes(only))) {
    await t.test(c.name, async () => {
      const result = await runFake(c.source, c.options);
      assert.equal(result.status, c.status, `${result.status}: ${result.error}`);
      if (c.error) assert.match(result.error ?? "", c.error);
      assert.equal(
        result.sandbox.killed,
        false,
        "contained inside the child, without the watchdog",
      );
      c.check?.(result);
    });
  }
});
