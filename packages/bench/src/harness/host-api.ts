// The host side of the plugin bridge. Each call arrives as a method name and JSON text, is
// parsed and validated, checked-and-charged against the budget in one synchronous step, logged
// to the ledger, and only then does work. Model calls run one at a time in arrival order.
// Nothing here throws at the caller: every outcome is a JSON response the prelude turns into a
// value, a BudgetExceededError or a HostCallError.
import type { BudgetKind, DemoSource, Metrics, TrackId } from "@lockpick/sdk";
import type { BudgetMeter, Cost } from "./budget-meter";
import { callSchemas, CAPS, SYNC_CALLS, type CallArgs, type CallName } from "./host-schemas";
import type { Ledger, LedgerOutcome } from "./ledger";
import { HostInputError, type ModelHost } from "./model-host";
import { deriveRng, type Rng } from "./rng";
import { TRACKS } from "./tracks";
import { trainPlan } from "./train-plan";

export type HostResponse =
  | { ok: true; value: unknown; budget: BudgetView }
  | { ok: false; error: HostErrorInfo; budget: BudgetView };

export type HostErrorInfo =
  | { type: "budget"; kind: BudgetKind; requested: number; remaining: number }
  | { type: "host"; message: string };

export interface BudgetView {
  remaining: Record<BudgetKind, number>;
  spent: Record<BudgetKind, number>;
}

/** A refusal carried to the plugin (not a host failure). */
class Refusal extends Error {
  constructor(readonly info: HostErrorInfo) {
    super(info.type === "host" ? info.message : `budget ${info.kind}`);
  }
}
const refuse = (message: string) => new Refusal({ type: "host", message });

interface Work {
  cost: Cost;
  run?: () => Promise<{ value: unknown; refund?: Cost }>;
  value?: unknown;
}

export class HostApi {
  readonly logs: { atMs: number; metrics: Metrics }[] = [];
  /** Budget refusals issued (a run ended by one is scored, not failed). */
  refusals: HostErrorInfo[] = [];
  private calls = 0;
  private pending = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private ended = false;
  private readonly drawn = new Set<number>();
  private readonly snapshots = new Set<string>();
  private readonly rng: Rng;
  private readonly t0 = Date.now();

  constructor(
    private readonly host: ModelHost,
    private readonly meter: BudgetMeter,
    private readonly ledger: Ledger,
    private readonly track: TrackId,
    seed: number,
  ) {
    this.rng = deriveRng(seed, "host-api");
  }

  budgetView(): BudgetView {
    return { remaining: this.meter.remainingAll(), spent: this.meter.spent() };
  }

  /** Refuse every later call and skip queued model work (the run is over). */
  end(): void {
    this.ended = true;
  }

  /** Resolves once no model work is running or queued. */
  async drain(): Promise<void> {
    for (let last; last !== this.queue;) {
      last = this.queue;
      await last.catch(() => undefined);
    }
  }

  handleSync(method: unknown, argsJson: unknown): string {
    const started = Date.now();
    const parsed = this.admit(method, argsJson, true);
    if ("error" in parsed) return this.respond({ error: parsed.error }, started, parsed);
    try {
      const work = this.plan(parsed.call, parsed.args);
      return this.respond({ value: work.value }, started, parsed);
    } catch (error) {
      return this.respond(this.errorInfo(error), started, parsed);
    }
  }

  async handleAsync(method: unknown, argsJson: unknown): Promise<string> {
    const started = Date.now();
    const parsed = this.admit(method, argsJson, false);
    if ("error" in parsed) return this.respond({ error: parsed.error }, started, parsed);
    let work: Work;
    try {
      work = this.plan(parsed.call, parsed.args);
      const charge = this.meter.tryCharge(work.cost);
      if (!charge.ok) {
        const { ok: _ok, ...info } = charge;
        throw new Refusal({ type: "budget", ...info });
      }
    } catch (error) {
      return this.respond(this.errorInfo(error), started, parsed);
    }
    this.pending += 1;
    const job = this.queue.then(async () => {
      if (this.ended) throw refuse("the run has ended");
      return work.run!();
    });
    this.queue = job.catch(() => undefined);
    try {
      const { value, refund } = await job;
      if (refund) this.meter.refund(refund);
      const cost = subtract(work.cost, refund);
      return this.respond({ value }, started, parsed, cost);
    } catch (error) {
      this.meter.refund(work.cost);
      return this.respond(this.errorInfo(error), started, parsed);
    } finally {
      this.pending -= 1;
    }
  }

  /** Type, size and rate checks common to every call; then the call's own schema. */
  private admit(
    method: unknown,
    argsJson: unknown,
    sync: boolean,
  ):
    | { call: CallName; args: unknown; items: number; bytes: number }
    | { error: HostErrorInfo; call: string; items: number; bytes: number } {
    const call = typeof method === "string" ? method.slice(0, 40) : "?";
    const bytes = typeof argsJson === "string" ? argsJson.length : 0;
    const fail = (message: string) => ({
      error: { type: "host", message } as const,
      call,
      items: 0,
      bytes,
    });
    if (this.ended) return fail("the run has ended");
    if (++this.calls > CAPS.calls) return fail(`more than ${CAPS.calls} host calls`);
    if (!Object.hasOwn(callSchemas, call)) return fail(`unknown host call "${call}"`);
    if (SYNC_CALLS.has(call as CallName) !== sync) return fail(`"${call}" called the wrong way`);
    if (typeof argsJson !== "string") return fail("arguments must cross as JSON text");
    if (bytes > CAPS.argBytes) return fail(`arguments of ${bytes} bytes exceed ${CAPS.argBytes}`);
    if (!sync && this.pending >= CAPS.pending) {
      return fail(`more than ${CAPS.pending} host calls in flight`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(argsJson);
    } catch {
      return fail("arguments are not JSON");
    }
    const result = callSchemas[call as CallName].safeParse(raw);
    const items = Array.isArray(raw) && Array.isArray(raw[0]) ? raw[0].length : 0;
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
      return { ...fail(`invalid arguments to ${call}${where}: ${issue?.message}`), items };
    }
    return { call: call as CallName, args: result.data, items, bytes };
  }

  private plan(call: CallName, args: unknown): Work {
    const host = this.host;
    const control = () => ({ seed: this.rng.seed(), deadline: this.meter.deadline() });
    switch (call) {
      case "problems.sample": {
        const [n, { domain }] = args as CallArgs<"problems.sample">;
        return { cost: {}, value: this.pick(n, domain, new Set()).map((i) => host.problem(i)) };
      }
      case "problems.list": {
        const [offset, limit] = args as CallArgs<"problems.list">;
        const end = Math.min(offset + limit, host.task.elicitationSize);
        const value = [];
        for (let i = offset; i < end; i++) value.push(host.problem(i));
        return { cost: {}, value };
      }
      case "log": {
        const [metrics] = args as CallArgs<"log">;
        if (this.logs.length >= CAPS.logs) throw refuse(`more than ${CAPS.logs} log calls`);
        if (Object.keys(metrics).length > CAPS.logKeys) throw refuse("too many metrics");
        this.logs.push({ atMs: Date.now() - this.t0, metrics: { ...metrics } });
        return { cost: {}, value: null };
      }
      case "demonstrations": {
        const [n, { source, domain }] = args as CallArgs<"demonstrations">;
        const sources = TRACKS[this.track].sources;
        const from: DemoSource = source ?? sources[0] ?? "strong";
        if (sources.length > 0 && !sources.includes(from)) {
          throw refuse(
            `source "${from}" is not lent on track ${this.track} (${sources.join(", ")})`,
          );
        }
        return {
          cost: { demonstrations: n },
          run: async () => {
            const indices = this.pick(n, domain, this.drawn);
            for (const i of indices) this.drawn.add(i);
            const completions = host.demonstrate(indices, from);
            const value = indices.map((i, j) => ({
              ...host.problem(i),
              completion: completions[j],
              source: from,
            }));
            return { value };
          },
        };
      }
      case "generate": {
        const [prompts, o] = args as CallArgs<"generate">;
        const max = host.task.maxCompletionTokens;
        const maxTokens = o.maxTokens ?? max;
        if (maxTokens > max) throw refuse(`maxTokens ${maxTokens} exceeds the task's ${max}`);
        if (prompts.length * o.n > CAPS.generations)
          throw refuse("too many generations in one call");
        const charged = prompts.length * o.n * maxTokens;
        return {
          cost: { generatedTokens: charged },
          run: async () => {
            const out = await host.generate(prompts, { ...o, maxTokens }, control());
            return {
              value: out.completions,
              refund: { generatedTokens: Math.max(0, charged - out.tokens) },
            };
          },
        };
      }
      case "logprobs": {
        const [examples] = args as CallArgs<"logprobs">;
        const tokens = examples.reduce((sum, e) => sum + host.countTokens(e.completion), 0);
        return {
          cost: { generatedTokens: tokens },
          run: async () => ({ value: await host.logprobs(examples, control()) }),
        };
      }
      case "sft": {
        const [examples, options] = args as CallArgs<"sft">;
        const plan = trainPlan(examples.length, options);
        const seq = Math.max(...examples.map((e) => host.sequenceTokens(e.prompt, e.completion)));
        const charged = plan.steps * plan.batchSize * seq;
        return {
          cost: { trainingTokens: charged },
          run: async () => {
            const report = await host.sft(examples, plan, control());
            return { value: report, refund: unusedTraining(charged, report.steps, plan.steps) };
          },
        };
      }
      case "dpo": {
        const [pairs, { beta, reference, ...options }] = args as CallArgs<"dpo">;
        if (reference !== undefined && reference !== "initial" && !this.snapshots.has(reference)) {
          throw refuse(`unknown snapshot "${reference}"`);
        }
        const plan = {
          ...trainPlan(pairs.length, options),
          beta: beta ?? 0.1,
          reference: reference ?? "initial",
        };
        const seq = Math.max(
          ...pairs.map(
            (p) =>
              host.sequenceTokens(p.prompt, p.chosen) + host.sequenceTokens(p.prompt, p.rejected),
          ),
        );
        const charged = plan.steps * plan.batchSize * seq;
        return {
          cost: { trainingTokens: charged },
          run: async () => {
            const report = await host.dpo(pairs, plan, control());
            return { value: report, refund: unusedTraining(charged, report.steps, plan.steps) };
          },
        };
      }
      case "perturb": {
        const [{ std, seed }] = args as CallArgs<"perturb">;
        const noiseSeed = seed ?? this.rng.seed();
        return {
          cost: { perturbations: 1 },
          run: async () => ({ value: (await host.perturb(std, noiseSeed)) ?? null }),
        };
      }
      case "snapshot": {
        if (this.snapshots.size >= CAPS.snapshots)
          throw refuse(`more than ${CAPS.snapshots} snapshots`);
        return {
          cost: {},
          run: async () => {
            const id = await host.snapshot();
            this.snapshots.add(id);
            return { value: id };
          },
        };
      }
      case "restore": {
        const [id] = args as CallArgs<"restore">;
        if (!this.snapshots.has(id)) throw refuse(`unknown snapshot "${id}"`);
        return { cost: {}, run: async () => ({ value: (await host.restore(id)) ?? null }) };
      }
      case "reward": {
        const [ids, completions] = args as CallArgs<"reward">;
        if (ids.length !== completions.length)
          throw refuse("reward needs one completion per problem");
        const indices = ids.map((problemId) => {
          const index = host.problemIndex(problemId);
          if (index === undefined) throw refuse(`"${problemId}" is not an elicitation problem`);
          return index;
        });
        return {
          cost: { rewardQueries: ids.length },
          run: async () => ({ value: host.reward(indices, completions) }),
        };
      }
    }
  }

  /** `n` distinct elicitation indices not in `exclude`, optionally of one domain. */
  private pick(n: number, domain: string | undefined, exclude: ReadonlySet<number>): number[] {
    const size = this.host.task.elicitationSize;
    if (domain !== undefined && !this.host.task.domains.includes(domain)) {
      throw refuse(`unknown domain "${domain}"`);
    }
    const chosen = new Set<number>();
    for (let tries = 0; chosen.size < n; tries++) {
      if (tries > 64 * n + 1024) throw refuse(`not enough problems for ${n} draws`);
      const i = this.rng.int(size);
      if (exclude.has(i) || chosen.has(i)) continue;
      if (domain !== undefined && this.host.problem(i).domain !== domain) continue;
      chosen.add(i);
    }
    return [...chosen];
  }

  private errorInfo(error: unknown): { error: HostErrorInfo } {
    if (error instanceof Refusal) return { error: error.info };
    if (error instanceof HostInputError) return { error: { type: "host", message: error.message } };
    // A host failure (engine bug): shown to the plugin, recorded, never thrown into the bridge.
    const message = error instanceof Error ? error.message : String(error);
    return { error: { type: "host", message: `host error: ${message}` } };
  }

  private respond(
    outcome: { value: unknown } | { error: HostErrorInfo },
    started: number,
    meta: { call: string; items: number; bytes: number },
    cost: Cost = {},
  ): string {
    let result: LedgerOutcome = "ok";
    let detail: string | undefined;
    if ("error" in outcome) {
      const e = outcome.error;
      if (e.type === "budget") this.refusals.push(e);
      result =
        e.type === "budget"
          ? "refused"
          : /^invalid arguments/.test(e.message)
            ? "invalid"
            : "error";
      detail =
        e.type === "budget"
          ? `${e.kind}: requested ${e.requested}, remaining ${e.remaining}`
          : e.message.slice(0, 300);
    }
    this.ledger.append({
      call: meta.call,
      args: { items: meta.items, bytes: meta.bytes },
      cost: result === "ok" ? cost : {},
      remaining: this.meter.remainingAll(),
      outcome: result,
      ...(detail === undefined ? {} : { detail }),
      atMs: started - this.t0,
      durationMs: Date.now() - started,
    });
    const budget = this.budgetView();
    const response: HostResponse =
      "error" in outcome
        ? { ok: false, error: outcome.error, budget }
        : { ok: true, value: outcome.value, budget };
    return JSON.stringify(response);
  }
}

function subtract(cost: Cost, refund: Cost | undefined): Cost {
  const out: Cost = {};
  for (const [kind, amount] of Object.entries(cost) as [BudgetKind, number][]) {
    out[kind] = amount - Math.min(amount, refund?.[kind] ?? 0);
  }
  return out;
}

function unusedTraining(charged: number, done: number, planned: number): Cost {
  const used = Math.ceil((charged * Math.min(done, planned)) / planned);
  return { trainingTokens: charged - used };
}
