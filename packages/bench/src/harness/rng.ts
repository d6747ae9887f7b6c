// Host-owned randomness. Every stream is derived from the run seed and a label, so a plugin's
// calls cannot shift the randomness of unrelated host decisions.
import { createHash } from "node:crypto";

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** A 32-bit integer seed for a sub-computation (an engine call). */
  seed(): number;
}

/** sfc32 seeded from SHA-256(seed ‖ label). */
export function deriveRng(seed: number, label: string): Rng {
  const digest = createHash("sha256").update(`${seed}:${label}`).digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  const nextU32 = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) nextU32();
  return {
    next: () => nextU32() / 4294967296,
    int: (n) => Math.floor((nextU32() / 4294967296) * n),
    seed: () => nextU32(),
  };
}
