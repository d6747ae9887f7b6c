// The spend ledger: one entry per host call, each holding the SHA-256 of the previous entry, so
// an audit can tell whether any entry was changed, dropped or reordered after the run.
import { createHash } from "node:crypto";
import type { BudgetKind } from "@lockpick/sdk";
import type { Cost } from "./budget-meter";
import { canonicalJson } from "./canonical-json";
import type { BudgetLimits } from "./tracks";

export type LedgerOutcome = "ok" | "refused" | "invalid" | "error" | "aborted";

export interface LedgerEntry {
  seq: number;
  call: string;
  /** Size of the call's arguments: items (prompts, examples, …) and JSON bytes. */
  args: { items: number; bytes: number };
  /** What was charged (after any refund of unused work). */
  cost: Cost;
  remaining: BudgetLimits;
  outcome: LedgerOutcome;
  /** Budget refused, or the error of a refused/failed call. */
  detail?: string;
  /** Milliseconds since the run started, when the call arrived, and how long it took. */
  atMs: number;
  durationMs: number;
  prevHash: string;
  hash: string;
}

export type LedgerInput = Omit<LedgerEntry, "seq" | "prevHash" | "hash">;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The hash that the first entry chains to: binds the ledger to one run. */
export function ledgerGenesis(runKey: string): string {
  return sha256(`lockpick-ledger-v1:${runKey}`);
}

function entryHash(entry: Omit<LedgerEntry, "hash">): string {
  return sha256(canonicalJson(entry));
}

export class Ledger {
  readonly entries: LedgerEntry[] = [];
  constructor(readonly genesis: string) {}

  append(input: LedgerInput): LedgerEntry {
    const prevHash = this.entries.at(-1)?.hash ?? this.genesis;
    const body = { ...input, seq: this.entries.length, prevHash };
    const entry = { ...body, hash: entryHash(body) };
    this.entries.push(entry);
    return entry;
  }

  /** Total of each kind charged over the ledger. */
  totals(): Partial<Record<BudgetKind, number>> {
    const totals: Partial<Record<BudgetKind, number>> = {};
    for (const entry of this.entries) {
      for (const [kind, amount] of Object.entries(entry.cost) as [BudgetKind, number][]) {
        totals[kind] = (totals[kind] ?? 0) + amount;
      }
    }
    return totals;
  }
}

export type LedgerVerdict = { ok: true } | { ok: false; at: number; reason: string };

/** Checks a stored ledger: sequence numbers, the hash of every entry, and the chain. */
export function verifyLedger(entries: readonly LedgerEntry[], genesis: string): LedgerVerdict {
  let prev = genesis;
  for (const [i, entry] of entries.entries()) {
    if (entry.seq !== i) return { ok: false, at: i, reason: `sequence number ${entry.seq}` };
    if (entry.prevHash !== prev) return { ok: false, at: i, reason: "broken chain" };
    const { hash, ...body } = entry;
    if (entryHash(body) !== hash) return { ok: false, at: i, reason: "entry altered" };
    prev = hash;
  }
  return { ok: true };
}
