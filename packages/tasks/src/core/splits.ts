import { hashInts } from "./random";

/** The four disjoint splits of the paper's §4.2, in bucket order. */
export const SPLIT_NAMES = ["weak", "lock", "elicit", "validation"] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

/** Share of problems (percent) per split: π_weak training, locking, elicitation, validation. */
export const SPLIT_PERCENT: Readonly<Record<SplitName, number>> = {
  weak: 10,
  lock: 40,
  elicit: 30,
  validation: 20,
};

/**
 * The split of problem `index` of stratum `stratum`: a hash of (salt, stratum, index) mod 100,
 * cut 10/40/30/20. Each problem lands in exactly one split, whatever else is generated.
 */
export function splitOfIndex(salt: number, stratum: number, index: number): SplitName {
  const bucket = hashInts(salt, stratum, index) % 100;
  let edge = 0;
  for (const name of SPLIT_NAMES) {
    edge += SPLIT_PERCENT[name];
    if (bucket < edge) return name;
  }
  return "validation";
}

export function isSplitName(value: unknown): value is SplitName {
  return typeof value === "string" && (SPLIT_NAMES as readonly string[]).includes(value);
}
