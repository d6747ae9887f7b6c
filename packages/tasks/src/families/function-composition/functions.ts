import { Rng, hashInts, nonIdentityPermutation } from "../../core/random";
import { DIGITS, FUNCTION_COUNT, type FunctionKind } from "./spec";

export interface DigitFunction {
  kind: FunctionKind;
  /** digitMap[d] replaces digit d (identity for position-only functions). */
  digitMap: number[];
  /** Output position i takes input position positions[i] (identity for digit-only functions). */
  positions: number[];
}

const identity = (n: number) => Array.from({ length: n }, (_, i) => i);

/** The 32 functions of a world: kinds balanced (11 / 11 / 10), none of them the identity. */
export function makeFunctions(worldSeed: number): DigitFunction[] {
  const rng = new Rng(hashInts(worldSeed, 0xfc));
  const kinds: FunctionKind[] = Array.from({ length: FUNCTION_COUNT }, (_, i) =>
    i % 3 === 0 ? "digit-map" : i % 3 === 1 ? "position-permutation" : "digit-and-position",
  );
  return rng.shuffle(kinds).map((kind) => ({
    kind,
    digitMap: kind === "position-permutation" ? identity(10) : nonIdentityPermutation(rng, 10),
    positions: kind === "digit-map" ? identity(DIGITS) : nonIdentityPermutation(rng, DIGITS),
  }));
}

export function applyFunction(f: DigitFunction, input: readonly number[]): number[] {
  return f.positions.map((from) => f.digitMap[input[from] ?? 0] ?? 0);
}

/** A seeded subset of `count` function indices; subsets for smaller counts are prefixes. */
export function identitySubset(worldSeed: number, count: number): Set<number> {
  const order = new Rng(hashInts(worldSeed, 0x1d)).shuffle(identity(FUNCTION_COUNT));
  return new Set(order.slice(0, count));
}

/** Results after each function, skipping those in `asIdentity`. */
export function runComposition(
  functions: readonly DigitFunction[],
  fns: readonly number[],
  input: readonly number[],
  asIdentity: ReadonlySet<number> = new Set(),
): number[][] {
  const steps: number[][] = [];
  let value = input.slice();
  for (const fn of fns) {
    const f = functions[fn];
    if (f && !asIdentity.has(fn)) value = applyFunction(f, value);
    steps.push(value.slice());
  }
  return steps;
}
