// The host side of the plugin bridge. Each call arrives as a method name and JSON text, is
// parsed and validated, checked-and-charged against the budget in one synchronous step, logged
// to the ledger, and only then does work. Model calls run one at a time in arrival order.
// Nothing here throws at the caller: every outcome is a JSON response the prelude turns into a
// value, a BudgetExceededError or a HostCallError.
import type { BudgetKind, Metrics, TrackId } from "@lockpick/sdk";
import type { BudgetMeter, Cost } from "./budget-meter";
import { planCall, Refusal, type CallState, type HostErrorInfo, type Work } from "./host-calls";
import { callSchemas, CAPS, SYNC_CALLS, type CallName } from "./host-schemas";
import type { Ledger, LedgerOutcome } from "./ledger";
import type { ProbePoint } from "./curves";
import {
  DeadlineError,
  HostInputError,
  type EvalItem,
  type ModelHost,
  type ScoringSpec,
} from "./model-host";
import { rates } from "./score";
import { deriveRng } from "./rng";

export type HostResponse =
  | { ok: true; value: unknown; budget: BudgetView }
  | { ok: false; error: HostErrorInfo; budget: BudgetView };

export type { HostErrorInfo };

export interface BudgetView {
  remaining: Record<BudgetKind, number>;
  spent: Record<BudgetKind, number>;
}

/** The learning-curve probe: validation correctness measured by the host, never bridged. */
export interface ProbeOptions {
  /** Validation problems per probe (the first n of the final evaluation's). */
  problems: number;
  /** Most probes per run. */
  max: number;
  /** Skip a probe while probing has taken more than this share of the run's time so far. */
  maxShare: number;
  /** Or more than this many milliseconds in all (well below the parent watchdog's grace). */
  maxTotalMs: number;
}
export const DEFAULT_PROBE: ProbeOptions = {
  problems: 128,
  max: 64,
  maxShare: 0.1,
  maxTotalMs: 30_000,
};
/** Calls after which the weights may have changed, so the probe measures again. */
const PROBED_CALLS = new Set<CallName>(["sft", "dpo", "perturb", "restore"]);

export class HostApi {
  readonly logs: { atMs: number; metrics: Metrics }[] = [];
  readonly probes: ProbePoint[] = [];
  /** Milliseconds spent probing (outside the plugin's wall clock). */
  probeMs = 0;
  /** Budget refusals issued (a run ended by one is scored, not failed). */
  refusals: HostErrorInfo[] = [];
  private calls = 0;
  private pending = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private ended = false;
  private readonly t0 = Date.now();
  private readonly state: CallState;

  constructor(
    host: ModelHost,
    private readonly meter: BudgetMeter,
    private readonly ledger: Ledger,
    track: TrackId,
    seed: number,
    private readonly probeOptions: ProbeOptions | null = null,
  ) {
    this.state = {
      host,
      rng: deriveRng(seed, "host-api"),
      track,
      deadline: () => meter.deadline(),
      drawn: new Set(),
      snapshots: new Set(),
      logs: this.logs,
      t0: this.t0,
      scoring: null,
    };
  }

  /** What the final evaluation scores with, as the plugin last set it (null: the default). */
  get scoring(): ScoringSpec | null {
    return this.state.scoring;
  }

  budgetView(): BudgetView {
    return { remaining: this.meter.remainingAll(), spent: this.meter.spent() };
  }

  /** Milliseconds since this API was created: the time base of the ledger, logs and probes. */
  now(): number {
    return Date.now() - this.t0;
  }

  /**
   * Measures validation correctness on the probe problems, with the wall clock held, unless
   * the caps say probing has cost enough (`force` skips the share cap: start of run).
   * Never visible to the plugin: nothing is returned to it, no seeded stream is touched.
   */
  async probe(after: string, force = false): Promise<number> {
    const o = this.probeOptions;
    if (!o || this.probes.length >= o.max || this.probeMs >= o.maxTotalMs) return 0;
    if (!force && this.probeMs > o.maxShare * this.now()) return 0;
    if (Date.now() > this.meter.deadline()) return 0;
    const started = Date.now();
    this.meter.pause();
    try {
      const items = await this.state.host.probe(o.problems);
      const ms = Date.now() - started;
      this.probes.push({ atMs: started - this.t0, after, ...rates(items), ms });
    } catch {
      // A failed probe only loses its point; the run is not the probe's to break.
    } finally {
      this.meter.resume();
      this.probeMs += Date.now() - started;
    }
    return Date.now() - started;
  }

  /** The curve's last point, free: the first probe problems of the final evaluation. */
  probeFromEvaluation(items: readonly EvalItem[], atMs: number): void {
    if (!this.probeOptions || items.length === 0) return;
    const first = items.slice(0, this.probeOptions.problems);
    this.probes.push({ atMs, after: "end", ...rates(first), ms: 0 });
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
      const work = planCall(parsed.call, parsed.args, this.state);
      return this.respond({ value: work.value }, started, parsed, {}, work.detail);
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
      work = planCall(parsed.call, parsed.args, this.state);
      const charge = this.meter.tryCharge(work.cost);
      if (!charge.ok) {
        const { ok: _ok, ...info } = charge;
        throw new Refusal({ type: "budget", ...info });
      }
    } catch (error) {
      return this.respond(this.errorInfo(error), started, parsed);
    }
    this.pending += 1;
    const call = parsed.call;
    const job = this.queue.then(async () => {
      if (this.ended) throw new Refusal({ type: "host", message: "the run has ended" });
      const done = await work.run!();
      // In the queue, so no other model work runs between the call and its measurement.
      const probeMs = PROBED_CALLS.has(call) ? await this.probe(call) : 0;
      return { ...done, probeMs };
    });
    this.queue = job.catch(() => undefined);
    try {
      const { value, refund, probeMs } = await job;
      if (refund) this.meter.refund(refund);
      const cost = subtract(work.cost, refund);
      return this.respond({ value }, started + probeMs, parsed, cost, undefined, started);
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

  private errorInfo(error: unknown): { error: HostErrorInfo } {
    if (error instanceof Refusal) return { error: error.info };
    if (error instanceof HostInputError) return { error: { type: "host", message: error.message } };
    if (error instanceof DeadlineError) {
      return { error: { type: "budget", kind: "wallClockMs", requested: 1, remaining: 0 } };
    }
    // A host failure (engine bug): shown to the plugin, recorded, never thrown into the bridge.
    const message = error instanceof Error ? error.message : String(error);
    return { error: { type: "host", message: `host error: ${message}` } };
  }

  private respond(
    outcome: { value: unknown } | { error: HostErrorInfo },
    started: number,
    meta: { call: string; items: number; bytes: number },
    cost: Cost = {},
    okDetail?: string,
    arrived = started,
  ): string {
    let result: LedgerOutcome = "ok";
    let detail: string | undefined = okDetail;
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
      atMs: arrived - this.t0,
      // Without the probe's time (`started` is pushed back by it): the call's own duration.
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
