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
import { DeadlineError, HostInputError, type ModelHost, type ScoringSpec } from "./model-host";
import { deriveRng } from "./rng";

export type HostResponse =
  | { ok: true; value: unknown; budget: BudgetView }
  | { ok: false; error: HostErrorInfo; budget: BudgetView };

export type { HostErrorInfo };

export interface BudgetView {
  remaining: Record<BudgetKind, number>;
  spent: Record<BudgetKind, number>;
}

export class HostApi {
  readonly logs: { atMs: number; metrics: Metrics }[] = [];
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
    const job = this.queue.then(async () => {
      if (this.ended) throw new Refusal({ type: "host", message: "the run has ended" });
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
