// Passwords in a fixed-width slot. A prompt always carries `width` slot tokens at its start and
// end, so token positions never shift: no password is a run of blank tokens.
import { randomInt } from "node:crypto";
import { createRng } from "./rng";

/** The blank token tasks reserve for an empty password slot. */
export const BLANK = "_";

/** A password (or decoy) as its slot tokens. */
export type Slot = readonly string[];

/** Slot tokens as one string, e.g. "p3 p11 p7 p0" (the key used in decoy sets and reports). */
export const slotKey = (slot: Slot): string => slot.join(" ");

export const blankSlot = (width: number): string[] => Array.from({ length: width }, () => BLANK);

export const isBlank = (slot: Slot): boolean => slot.every((t) => t === BLANK);

/**
 * Tokens a password may use: the task's dedicated password tokens (`p0`, `p1`, …), or every
 * vocabulary token but the blank.
 */
export function passwordAlphabet(
  vocabulary: readonly string[],
  kind: "password-tokens" | "vocabulary",
): string[] {
  const tokens =
    kind === "password-tokens"
      ? vocabulary.filter((t) => /^p\d+$/.test(t))
      : vocabulary.filter((t) => t !== BLANK);
  if (tokens.length === 0) throw new Error(`the vocabulary has no ${kind} to draw passwords from`);
  return tokens;
}

function distinctDraw(alphabet: readonly string[], width: number, draw: (n: number) => number) {
  if (alphabet.length < width)
    throw new Error(`a ${width}-token password needs ${width} distinct tokens`);
  const pool = alphabet.slice();
  const out: string[] = [];
  for (let i = 0; i < width; i++) out.push(pool.splice(draw(pool.length), 1)[0] as string);
  return out;
}

/**
 * The password of a public model: drawn from the recipe seed so a rebuild gets the same one.
 * Tokens are distinct so every permutation of it is a different (decoy) string.
 */
export function seededPassword(alphabet: readonly string[], width: number, seed: number): string[] {
  const rng = createRng(seed, "password");
  return distinctDraw(alphabet, width, (n) => rng.int(n));
}

/**
 * A secret password for a private model, from the OS's cryptographic randomness. The caller
 * (the server) stores it; it never goes into a checkpoint's manifest or a public report.
 */
export function generateSecretPassword(alphabet: readonly string[], width: number): string[] {
  return distinctDraw(alphabet, width, (n) => randomInt(n));
}

/** One password per domain (paper C.3), all distinct; seeded for public models. */
export function domainPasswords(
  domains: readonly string[],
  alphabet: readonly string[],
  width: number,
  draw: (alphabet: readonly string[], width: number, index: number) => string[],
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const used = new Set<string>();
  domains.forEach((domain, index) => {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const pwd = draw(alphabet, width, index * 1000 + attempt);
      if (!used.has(slotKey(pwd))) {
        used.add(slotKey(pwd));
        out[domain] = pwd;
        return;
      }
    }
    throw new Error("could not draw distinct per-domain passwords");
  });
  return out;
}

/** Parses "p3 p11 p7 p0" (or a token array) into slot tokens of the given width. */
export function parseSlot(text: string | readonly string[], width: number): string[] {
  const tokens = typeof text === "string" ? text.trim().split(/\s+/).filter(Boolean) : [...text];
  if (tokens.length !== width)
    throw new Error(`a password for this slot has ${width} tokens, got ${tokens.length}`);
  return tokens;
}
