// Runs INSIDE the isolate, before the plugin. It builds the frozen `ctx` over two bridge
// references (sync and async host calls that take and return JSON text only) and publishes
// the SDK runtime the plugin's `@lockpick/sdk` import resolves to. Nothing in here is trusted
// by the host: the plugin can tamper with this whole realm, and the host re-validates every
// call. The prelude only makes the honest path pleasant.
import {
  BudgetExceededError,
  defineMethod,
  HostCallError,
  type BudgetKind,
  type ElicitContext,
  type ModelApi,
  type Params,
  type ProblemSet,
  type PromptInput,
} from "@lockpick/sdk";

interface BridgeRef {
  applySync(self: undefined, args: string[], options: object): string;
  apply(self: undefined, args: string[], options: object): Promise<string>;
}
interface Init {
  seed: number;
  track: ElicitContext["track"];
  task: ElicitContext["task"];
  budget: BudgetView;
}
interface BudgetView {
  remaining: Record<BudgetKind, number>;
  spent: Record<BudgetKind, number>;
}
type Response =
  | { ok: true; value: unknown; budget: BudgetView }
  | {
      ok: false;
      budget: BudgetView;
      error:
        | { type: "budget"; kind: BudgetKind; requested: number; remaining: number }
        | { type: "host"; message: string };
    };

// Primordials, captured before any plugin code runs.
const g = globalThis as Record<string, unknown>;
const { parse, stringify } = JSON;
const { freeze, create, assign, defineProperty, keys } = Object;
const now = Date.now;
const isArray = Array.isArray;
const MathFloor = Math.floor;
const MathMax = Math.max;

const bridge = g.__lockpick_bridge as { sync: BridgeRef; async: BridgeRef; init: string };
delete g.__lockpick_bridge;
const init = parse(bridge.init) as Init;
const bare = <T extends object>(o: T): T => assign(create(null), o);
const syncOptions = bare({ arguments: bare({ copy: true }), result: bare({ copy: true }) });
const asyncOptions = bare({
  arguments: bare({ copy: true }),
  result: bare({ copy: true, promise: true }),
});

let budget = init.budget;
let budgetAt = now();

function settle(text: string): unknown {
  const response = parse(text) as Response;
  budget = response.budget;
  budgetAt = now();
  if (response.ok) return response.value;
  const e = response.error;
  if (e.type === "budget") throw new BudgetExceededError(e.kind, e.requested, e.remaining);
  throw new HostCallError(e.message);
}
const callSync = (method: string, args: unknown[]) =>
  settle(bridge.sync.applySync(undefined, [method, stringify(args)], syncOptions));
const callAsync = async (method: string, args: unknown[]) =>
  settle(await bridge.async.apply(undefined, [method, stringify(args)], asyncOptions));

// sfc32 over a seed mixed with a stream number: ctx.random and Math.random are separate streams.
function seeded(seed: number, stream: number) {
  let a = seed | 0;
  let b = (stream * 0x9e3779b9) | 0;
  let c = 0x243f6a88;
  let d = 1;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  return next;
}
const nextRandom = seeded(init.seed, 1);
Math.random = seeded(init.seed, 2);

const prompt = (p: PromptInput) =>
  typeof p === "string"
    ? { prompt: p }
    : p.slot === undefined
      ? { prompt: p.prompt }
      : { prompt: p.prompt, slot: p.slot };
const list = <T>(xs: readonly T[], what: string): readonly T[] => {
  if (!isArray(xs)) throw new HostCallError(`${what} must be an array`);
  return xs;
};
const example = (e: { prompt: PromptInput; completion: string; weight?: number }) =>
  e.weight === undefined
    ? { prompt: prompt(e.prompt), completion: e.completion }
    : { prompt: prompt(e.prompt), completion: e.completion, weight: e.weight };

const pair = (p: { prompt: PromptInput; chosen: string; rejected: string; weight?: number }) => {
  const out = { prompt: prompt(p.prompt), chosen: p.chosen, rejected: p.rejected };
  return p.weight === undefined ? out : { ...out, weight: p.weight };
};

function makeContext(params: Record<string, unknown>): ElicitContext {
  const ctx: ElicitContext = {
    task: freeze({
      ...init.task,
      domains: freeze([...init.task.domains]),
      vocabulary: freeze([...init.task.vocabulary]),
    }),
    track: init.track,
    params: freeze({ ...params }) as Params,
    problems: freeze<ProblemSet>({
      size: init.task.elicitationSize,
      sample: (n: number, options?: { domain?: string }) =>
        callSync("problems.sample", [n, options ?? {}]) as never,
      list: (offset: number, limit: number) => callSync("problems.list", [offset, limit]) as never,
    }),
    demonstrations: (n, options) => callAsync("demonstrations", [n, options ?? {}]) as never,
    model: freeze<ModelApi>({
      generate: (prompts, options) =>
        callAsync("generate", [list(prompts, "prompts").map(prompt), options ?? {}]) as never,
      logprobs: (examples) =>
        callAsync("logprobs", [list(examples, "examples").map(example)]) as never,
      sft: (examples, options) =>
        callAsync("sft", [list(examples, "examples").map(example), options ?? {}]) as never,
      dpo: (pairs, options) =>
        callAsync("dpo", [list(pairs, "pairs").map(pair), options ?? {}]) as never,
      perturb: async (options) => {
        await callAsync("perturb", [options]);
      },
      snapshot: () => callAsync("snapshot", []) as never,
      restore: async (id) => {
        await callAsync("restore", [id]);
      },
    }),
    reward: (problems, completions) =>
      callAsync("reward", [
        list(problems, "problems").map((p) => (typeof p === "string" ? p : p.id)),
        completions,
      ]) as never,
    budget: freeze({
      limits: freeze(
        keys(init.budget.remaining).reduce(
          (acc, k) => {
            const kind = k as BudgetKind;
            acc[kind] = init.budget.remaining[kind] + init.budget.spent[kind];
            return acc;
          },
          {} as Record<BudgetKind, number>,
        ),
      ),
      remaining: (kind: BudgetKind) => {
        const value = budget.remaining[kind];
        if (typeof value !== "number")
          throw new HostCallError(`unknown budget kind "${String(kind)}"`);
        return kind === "wallClockMs" ? MathMax(0, value - (now() - budgetAt)) : value;
      },
      spent: () => freeze({ ...budget.spent }),
    }),
    setScoringPrompt: (scoring) => {
      const { slot, prefix } = scoring ?? {};
      callSync("scoring.set", [{ slot, prefix }]);
    },
    log: (metrics) => {
      callSync("log", [metrics]);
    },
    random: freeze({
      seed: init.seed,
      next: nextRandom,
      int: (n: number) => MathFloor(nextRandom() * n),
      shuffle: <T>(items: readonly T[]) => {
        const out = [...items];
        for (let i = out.length - 1; i > 0; i--) {
          const j = MathFloor(nextRandom() * (i + 1));
          [out[i], out[j]] = [out[j]!, out[i]!];
        }
        return out;
      },
    }),
  };
  return freeze(ctx);
}

const sdk = freeze({ defineMethod, BudgetExceededError, HostCallError });
defineProperty(g, "__lockpick_sdk", { value: sdk, writable: false, configurable: false });

function definition(): { elicit?: unknown; name?: unknown; track?: unknown; params?: unknown } {
  const mod = g.__lockpick_plugin as { default?: unknown } | undefined;
  const def = mod?.default;
  if (
    def === null ||
    typeof def !== "object" ||
    typeof (def as { elicit?: unknown }).elicit !== "function"
  ) {
    throw new TypeError(
      "the plugin's default export must be defineMethod({ name, track, elicit })",
    );
  }
  return def as never;
}

function describe(error: unknown): string {
  try {
    if (error instanceof Error) {
      const stack =
        typeof error.stack === "string" ? error.stack.split("\n").slice(1, 4).join("\n") : "";
      return `${String(error.name)}: ${String(error.message)}${stack ? `\n${stack}` : ""}`;
    }
    return `non-Error value thrown (${typeof error}): ${String(error)}`;
  } catch {
    return `unprintable value thrown (${typeof error})`;
  }
}

// Outcomes are encoded by hand: JSON.stringify of an object would consult a toJSON the plugin
// may have planted on Object.prototype. Strings are primitives, so quoting them is safe.
const quote = (text: unknown) => stringify(typeof text === "string" ? text : "");
const outcome = (status: string, message = "") =>
  `{"status":${quote(status)},"message":${quote(message)}}`;

function isBudgetError(error: unknown): boolean {
  try {
    return error instanceof BudgetExceededError;
  } catch {
    return false;
  }
}

/** Step 1 (host calls it after loading the bundle): the method's self-description as JSON. */
g.__lockpick_describe = () => {
  try {
    const def = definition();
    const track = isArray(def.track) ? [...(def.track as unknown[])] : def.track;
    const params = def.params === undefined ? {} : { ...(def.params as object) };
    return `{"ok":true,"name":${stringify(def.name)},"track":${stringify(track)},"params":${stringify(params)}}`;
  } catch (error) {
    return `{"ok":false,"message":${quote(describe(error))}}`;
  }
};

/** Step 2: run `elicit` with the resolved params (JSON). Resolves to the outcome as JSON. */
g.__lockpick_start = async (paramsJson: string) => {
  try {
    const def = definition() as { elicit: (ctx: ElicitContext) => unknown };
    await def.elicit(makeContext(parse(paramsJson) as Record<string, unknown>));
    return outcome("completed");
  } catch (error) {
    return outcome(isBudgetError(error) ? "budget" : "thrown", describe(error));
  }
};
