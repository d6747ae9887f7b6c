import { EOS } from "./vocabulary";

export interface ReadCompletion {
  /** Symbols before the first `<eos>` (at most `maxTokens`). */
  tokens: string[];
  /** True when `<eos>` was found within the first `maxTokens + 1` symbols. */
  ended: boolean;
  /** True when there were more than `maxTokens` symbols before any `<eos>`. */
  overflow: boolean;
}

/**
 * Read untrusted model output defensively: any value (not only strings), any size. Scans
 * lazily, so a huge string costs at most `maxTokens` symbols of work after leading whitespace.
 */
export function readCompletion(completion: unknown, maxTokens: number): ReadCompletion {
  const tokens: string[] = [];
  if (typeof completion !== "string") return { tokens, ended: false, overflow: false };
  const symbol = /\S+/g;
  for (;;) {
    const match = symbol.exec(completion);
    if (match === null) return { tokens, ended: false, overflow: false };
    if (match[0] === EOS) return { tokens, ended: true, overflow: false };
    if (tokens.length >= maxTokens) return { tokens, ended: false, overflow: true };
    tokens.push(match[0]);
  }
}

/** Clamp a score into [0, 1], mapping NaN to 0. */
export function clampScore(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
