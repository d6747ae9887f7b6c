// The budget of one run. `tryCharge` is the only way to spend: it checks every kind of a cost
// against what is left and charges all of them, or none, in one synchronous step, so
// concurrent host calls cannot overspend between the check and the charge.
import type { BudgetKind } from "@lockpick/sdk";
import { BUDGET_KINDS, type BudgetLimits } from "./tracks";

export type Cost = Partial<Record<BudgetKind, number>>;

export type ChargeResult =
  { ok: true } | { ok: false; kind: BudgetKind; requested: number; remaining: number };

export class BudgetMeter {
  private readonly used: BudgetLimits;
  private startedAt: number | null = null;
  private stoppedAt: number | null = null;
  private pausedAt: number | null = null;
  private pausedMs = 0;

  constructor(
    readonly limits: Readonly<BudgetLimits>,
    private readonly clock: () => number = Date.now,
  ) {
    this.used = Object.fromEntries(BUDGET_KINDS.map((k) => [k, 0])) as BudgetLimits;
  }

  /** Starts the wall clock (the plugin's time begins). */
  start(): void {
    this.startedAt ??= this.clock();
  }

  /** Stops the wall clock (scoring is not the plugin's time). */
  stop(): void {
    this.resume();
    if (this.startedAt !== null) this.stoppedAt ??= this.clock();
  }

  /** Holds the wall clock while the host works for itself (the learning-curve probe). */
  pause(): void {
    if (this.startedAt !== null && this.stoppedAt === null) this.pausedAt ??= this.clock();
  }

  resume(): void {
    if (this.pausedAt === null) return;
    this.pausedMs += this.clock() - this.pausedAt;
    this.pausedAt = null;
  }

  private paused(): number {
    return this.pausedMs + (this.pausedAt === null ? 0 : this.clock() - this.pausedAt);
  }

  /** Wall-clock deadline as a clock value (Infinity before start); pauses push it back. */
  deadline(): number {
    return this.startedAt === null
      ? Infinity
      : this.startedAt + this.limits.wallClockMs + this.paused();
  }

  spent(): BudgetLimits {
    const wall =
      this.startedAt === null
        ? 0
        : (this.stoppedAt ?? this.clock()) - this.startedAt - this.paused();
    return { ...this.used, wallClockMs: Math.min(wall, this.limits.wallClockMs) };
  }

  remaining(kind: BudgetKind): number {
    return Math.max(0, this.limits[kind] - this.spent()[kind]);
  }

  remainingAll(): BudgetLimits {
    return Object.fromEntries(BUDGET_KINDS.map((k) => [k, this.remaining(k)])) as BudgetLimits;
  }

  /** Checks and charges `cost` atomically. Every call also needs wall-clock time left. */
  tryCharge(cost: Cost): ChargeResult {
    for (const [kind, amount] of Object.entries(cost) as [BudgetKind, number][]) {
      if (!Number.isFinite(amount) || amount < 0 || !Number.isInteger(amount)) {
        throw new Error(`invalid ${kind} cost ${amount}`);
      }
    }
    if (this.stoppedAt !== null || this.remaining("wallClockMs") <= 0) {
      return { ok: false, kind: "wallClockMs", requested: 1, remaining: 0 };
    }
    for (const kind of BUDGET_KINDS) {
      const amount = cost[kind] ?? 0;
      if (kind !== "wallClockMs" && amount > this.remaining(kind)) {
        return { ok: false, kind, requested: amount, remaining: this.remaining(kind) };
      }
    }
    for (const kind of BUDGET_KINDS) {
      if (kind !== "wallClockMs") this.used[kind] += cost[kind] ?? 0;
    }
    return { ok: true };
  }

  /** Gives back part of an earlier charge that the work did not use. */
  refund(cost: Cost): void {
    for (const [kind, amount] of Object.entries(cost) as [BudgetKind, number][]) {
      if (kind === "wallClockMs") continue;
      this.used[kind] = Math.max(0, this.used[kind] - Math.max(0, Math.floor(amount)));
    }
  }
}
