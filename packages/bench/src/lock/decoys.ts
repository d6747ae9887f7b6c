// Decoy wrong passwords: the families a brute force tries first (REFERENCE-RESULTS.md). Each
// family is split into decoys seen in training (wrong passwords of Eq. 1) and candidates held
// out for the audit, so the audit measures generalisation of the lock, not memorisation.
import { BLANK, slotKey, type Slot } from "./password";
import type { DecoyConfig } from "./recipe";
import { createRng, type Rng } from "./rng";

export const decoyFamilies = [
  "repeated",
  "near-miss",
  "permutation",
  "random",
  "single-token",
  // The last two are off by default and come last, so enabling them leaves every earlier
  // family's members, split and order unchanged.
  "two-token",
  "password-tokens",
] as const;
export type DecoyFamily = (typeof decoyFamilies)[number];

export interface Decoy {
  family: DecoyFamily;
  slot: readonly string[];
  key: string;
  /** Slot positions that differ from the password (near misses, two-token, password-token slots). */
  positions?: readonly number[];
}

export interface DecoySet {
  /** Wrong passwords used in training, by family (drawn family first, then member). */
  seen: Decoy[];
  /** Brute-force candidates never seen in training. */
  heldOut: Decoy[];
}

export interface DecoyInput {
  /** The password(s) of the lock (several with one password per domain; none for a setting trigger). */
  passwords: readonly Slot[];
  /** Slot width in tokens. */
  width: number;
  /** Every token of the task vocabulary (the blank included). */
  vocabulary: readonly string[];
  /** Tokens random passwords are drawn from. */
  alphabet: readonly string[];
  config: DecoyConfig;
  seed: number;
}

/** Tokens a brute force puts in the slot: the vocabulary but blank, padding and end-of-sequence. */
export function bruteForceTokens(vocabulary: readonly string[]): string[] {
  return vocabulary.filter((t) => t !== BLANK && t !== "<pad>" && t !== "<eos>");
}

/** Distinct orderings of `tokens` (all of them up to width 6, else `limit` random ones). */
function permutations(tokens: readonly string[], rng: Rng, limit: number): string[][] {
  if (tokens.length > 6) {
    return Array.from({ length: limit }, () => rng.shuffle(tokens));
  }
  if (tokens.length <= 1) return [tokens.slice()];
  const out: string[][] = [];
  tokens.forEach((t, i) => {
    const rest = [...tokens.slice(0, i), ...tokens.slice(i + 1)];
    for (const tail of permutations(rest, rng, limit)) out.push([t, ...tail]);
  });
  return out;
}

const blankSlotOf = (width: number) => Array.from({ length: width }, () => BLANK);

/** Families whose members record the positions where they differ from the password. */
const withPositions: ReadonlySet<DecoyFamily> = new Set([
  "near-miss",
  "two-token",
  "password-tokens",
]);

/** Positions where `slot` differs from `password`. */
const differing = (slot: readonly string[], password: Slot) =>
  slot.flatMap((t, i) => (t === password[i] ? [] : [i]));

/**
 * `count` distinct substitutions of two password tokens (blank included), cycling over the
 * position pairs so each pair gets the same share. Drawn from their own stream so enabling the
 * family leaves every other family's members and split unchanged.
 */
function twoTokenSubstitutions(
  password: Slot,
  substitutes: readonly string[],
  count: number,
  seed: number,
): string[][] {
  const rng = createRng(seed, "two-token");
  const pairs: [number, number][] = [];
  for (let i = 0; i < password.length; i++)
    for (let j = i + 1; j < password.length; j++) pairs.push([i, j]);
  const out = new Map<string, string[]>();
  const other = (own: string | undefined) => {
    for (;;) {
      const t = rng.pick(substitutes);
      if (t !== own) return t;
    }
  };
  for (let n = 0; out.size < count && pairs.length > 0 && n < count * 20; n++) {
    const [i, j] = pairs[n % pairs.length] as [number, number];
    const slot = [...password];
    slot[i] = other(password[i]);
    slot[j] = other(password[j]);
    out.set(slotKey(slot), slot);
  }
  return [...out.values()];
}

/**
 * Slots made only of the password's own tokens and the blank, the password and the blank slot
 * excepted (5^4 − 2 = 623 for a 4-token password): a lock that only checks which password tokens
 * are present leaks to these (`p12 p12 p5 p15`), so training on them teaches position-exact
 * matching. All of them if `count` covers them, else `count` distinct ones drawn from `rng`.
 */
function passwordTokenSlots(password: Slot, count: number, rng: Rng): string[][] {
  const tokens = [...new Set([...password, BLANK])];
  const width = password.length;
  const total = tokens.length ** width;
  const slotAt = (n: number) =>
    Array.from(
      { length: width },
      (_, i) => tokens[Math.floor(n / tokens.length ** i) % tokens.length] as string,
    );
  const excluded = new Set([slotKey(password), slotKey(blankSlotOf(width))]);
  const eligible = (slot: string[]) => !excluded.has(slotKey(slot));
  if (count >= total - excluded.size)
    return Array.from({ length: total }, (_, n) => slotAt(n)).filter(eligible);
  // Rejection sampling of distinct indices: never enumerates a large slot space.
  const picked = new Map<number, string[]>();
  while (picked.size < count) {
    const n = rng.int(total);
    const slot = slotAt(n);
    if (!picked.has(n) && eligible(slot)) picked.set(n, slot);
  }
  return [...picked.values()];
}

/**
 * Raw family members for one password, before de-duplication. `ownRng` is the password-token
 * family's own stream, so drawing from it leaves the shared `rng` (other families) untouched.
 */
function familyMembers(
  password: Slot | undefined,
  input: DecoyInput,
  rng: Rng,
  ownRng: Rng,
): Record<DecoyFamily, string[][]> {
  const { width } = input;
  const tokens = bruteForceTokens(input.vocabulary);
  const { config } = input;
  const nearMiss: string[][] = [];
  if (config.nearMiss && password) {
    password.forEach((own, i) => {
      for (const t of [BLANK, ...tokens]) {
        if (t !== own) nearMiss.push(password.map((p, j) => (j === i ? t : p)));
      }
    });
  }
  const twoToken =
    password && config.twoToken > 0 && width >= 2
      ? twoTokenSubstitutions(password, [BLANK, ...tokens], config.twoToken, input.seed)
      : [];
  const single: string[][] = [];
  for (let i = 0; i < width; i++)
    for (const t of tokens)
      single.push(Array.from({ length: width }, (_, j) => (j === i ? t : BLANK)));
  return {
    repeated: config.repeated ? tokens.map((t) => Array.from({ length: width }, () => t)) : [],
    "near-miss": nearMiss,
    permutation: config.permutation && password ? permutations(password, rng, 200) : [],
    random: Array.from({ length: config.random }, () =>
      Array.from({ length: width }, () => rng.pick(input.alphabet)),
    ),
    "single-token": single,
    "two-token": twoToken,
    "password-tokens":
      password && (config.passwordTokens ?? 0) > 0
        ? passwordTokenSlots(password, config.passwordTokens ?? 0, ownRng)
        : [],
  };
}

/**
 * Builds the decoy families around the password(s): de-duplicated across families (earlier
 * families win), never equal to a password or to the blank slot, every member as wide as the
 * slot; each family shuffled and split `seenFraction` / rest (single tokens all held out).
 */
export function buildDecoys(input: DecoyInput): DecoySet {
  const rng = createRng(input.seed, "decoys");
  const taken = new Set(input.passwords.map(slotKey));
  const { width } = input;
  if (width < 1 || input.passwords.some((p) => p.length !== width))
    throw new Error("every password must fill the slot exactly");
  taken.add(slotKey(blankSlotOf(width)));
  const byFamily = new Map<DecoyFamily, Decoy[]>(decoyFamilies.map((f) => [f, []]));
  const sources = input.passwords.length > 0 ? input.passwords : [undefined];
  // One stream across passwords, so per-domain passwords do not all get the same picks.
  const passwordTokenRng = createRng(input.seed, "password-tokens");
  for (const password of sources) {
    const members = familyMembers(password, input, rng, passwordTokenRng);
    for (const family of decoyFamilies) {
      for (const slot of members[family]) {
        const key = slotKey(slot);
        if (taken.has(key)) continue;
        taken.add(key);
        const substituted = withPositions.has(family);
        byFamily
          .get(family)
          ?.push(
            substituted && password
              ? { family, slot, key, positions: differing(slot, password) }
              : { family, slot, key },
          );
      }
    }
  }
  const seen: Decoy[] = [];
  const heldOut: Decoy[] = [];
  for (const family of decoyFamilies) {
    const shuffled = rng.shuffle(byFamily.get(family) ?? []);
    const cut =
      family === "single-token" ? 0 : Math.round(shuffled.length * input.config.seenFraction);
    seen.push(...shuffled.slice(0, cut));
    heldOut.push(...shuffled.slice(cut));
  }
  return { seen, heldOut };
}

/**
 * Draws a training wrong password: a family uniformly, then a member of it. With
 * `nearMissShare`, that share of draws is a near miss instead — a slot position uniformly, then
 * a near miss at that position — and the other families share the rest uniformly.
 */
export function wrongPasswordSampler(
  seen: readonly Decoy[],
  options: { nearMissShare?: number } = {},
): (rng: Rng) => Decoy {
  const families = decoyFamilies
    .map((f) => seen.filter((d) => d.family === f))
    .filter((members) => members.length > 0);
  if (families.length === 0) throw new Error("no decoys to draw wrong passwords from");
  const share = options.nearMissShare;
  if (share === undefined) return (rng) => rng.pick(rng.pick(families));
  const byPosition = new Map<number, Decoy[]>();
  for (const d of seen)
    if (d.family === "near-miss")
      for (const i of d.positions ?? []) byPosition.set(i, [...(byPosition.get(i) ?? []), d]);
  const positions = [...byPosition.values()];
  const rest = families.filter((members) => members[0]?.family !== "near-miss");
  return (rng) => {
    if (positions.length > 0 && (rest.length === 0 || rng.next() < share))
      return rng.pick(rng.pick(positions));
    return rng.pick(rng.pick(rest));
  };
}

/** Draws from `decoys` in proportion to `weights` (hard-negative mining); undefined if all 0. */
export function weightedSampler(
  decoys: readonly Decoy[],
  weights: readonly number[],
): ((rng: Rng) => Decoy) | undefined {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += Math.max(0, w)));
  if (total <= 0) return undefined;
  return (rng) => {
    const x = rng.next() * total;
    const i = cumulative.findIndex((c) => c > x);
    return decoys[i < 0 ? decoys.length - 1 : i] as Decoy;
  };
}
