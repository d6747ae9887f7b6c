import { hashInts } from "./random";

/**
 * A keyed pseudo-random permutation of 0..size-1, computed one index at a time (a 4-round
 * Feistel network over the next even power of two, with cycle walking). It lets a sampler visit
 * a space of millions of problems in a random order without materializing it.
 */
export class IndexPermutation {
  private readonly half: number;
  private readonly mask: number;
  private readonly keys: number[];

  constructor(
    readonly size: number,
    key: number,
  ) {
    if (!Number.isSafeInteger(size) || size < 1 || size > 2 ** 40) {
      throw new Error(`permutation size out of range: ${size}`);
    }
    const bits = Math.max(2, Math.ceil(Math.log2(size)));
    this.half = Math.ceil(bits / 2);
    this.mask = 2 ** this.half - 1;
    this.keys = [0, 1, 2, 3].map((r) => hashInts(key, r));
  }

  private round(x: number): number {
    const base = 2 ** this.half;
    let left = Math.floor(x / base);
    let right = x % base;
    for (const k of this.keys) {
      const f = hashInts(right, k) & this.mask;
      [left, right] = [right, (left ^ f) >>> 0];
    }
    return left * base + right;
  }

  /** The element at position `i` (0 <= i < size) of the permuted order. */
  at(i: number): number {
    let x = this.round(i);
    while (x >= this.size) x = this.round(x);
    return x;
  }
}
