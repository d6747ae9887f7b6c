// Seeded randomness and hashing. Everything a family generates derives from these, so a
// (config, seed) pair always reproduces the same problems, splits and policies.

/** A 32-bit avalanche mix (lowbias32): nearby inputs give unrelated outputs. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Hash a list of non-negative integers (each below 2^53) to 32 bits. */
export function hashInts(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const v of values) {
    const lo = v % 0x100000000;
    const hi = Math.floor(v / 0x100000000);
    h = mix32(h ^ lo);
    h = mix32((h + hi + 0x632be5ab) >>> 0);
  }
  return h;
}

/** FNV-1a over UTF-16 code units, then mixed. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return mix32(h);
}

/** A small seeded generator (mulberry32) with the helpers the families need. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = mix32(seed >>> 0) || 0x6d2b79f5;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(items.length)] as T;
  }

  /** A shuffled copy (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

/** A permutation of 0..n-1 drawn from `rng` that is not the identity (n >= 2). */
export function nonIdentityPermutation(rng: Rng, n: number): number[] {
  const base = Array.from({ length: n }, (_, i) => i);
  for (;;) {
    const p = rng.shuffle(base);
    if (p.some((v, i) => v !== i)) return p;
  }
}
