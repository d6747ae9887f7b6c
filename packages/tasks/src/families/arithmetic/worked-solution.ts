// Column-by-column solutions, least significant column first. Each step is four digits then
// ';' so that every step depends only on two prompt digits and the step before it:
//   addition        a b carry-in sum-digit        (carry-out goes into the next step)
//   subtraction     a b borrow-in difference-digit
//   multiplication  a carry-in high low           (a × multiplier + carry = 10·high + low)
import type { Operation } from "./spec";

export interface WorkedSolution {
  steps: number[][];
  answer: number;
}

/** The mistakes π_weak makes (a plausible weaker student), or none for π_strong. */
export interface Mistakes {
  /** Addition: never carries. Subtraction: never borrows, subtracts the smaller digit from the larger. */
  dropAddSubCarries: boolean;
  /** Multiplication: never adds the carry from the previous column. */
  dropMultiplyCarries: boolean;
}

export const NO_MISTAKES: Mistakes = { dropAddSubCarries: false, dropMultiplyCarries: false };

const digitsLsbFirst = (n: number): number[] =>
  String(n)
    .split("")
    .reverse()
    .map((d) => Number(d));

const fromLsbFirst = (digits: readonly number[]): number =>
  digits.reduceRight((acc, d) => acc * 10 + d, 0);

export function solve(op: Operation, a: number, b: number, mistakes: Mistakes): WorkedSolution {
  const da = digitsLsbFirst(a);
  const db = digitsLsbFirst(b);
  const steps: number[][] = [];
  const out: number[] = [];
  if (op === "addition") {
    const columns = mistakes.dropAddSubCarries
      ? Math.max(da.length, db.length)
      : String(a + b).length;
    let carry = 0;
    for (let k = 0; k < columns; k++) {
      const x = da[k] ?? 0;
      const y = db[k] ?? 0;
      const total = x + y + carry;
      steps.push([x, y, carry, total % 10]);
      out.push(total % 10);
      carry = mistakes.dropAddSubCarries ? 0 : Math.floor(total / 10);
    }
  } else if (op === "subtraction") {
    let borrow = 0;
    for (let k = 0; k < da.length; k++) {
      const x = da[k] ?? 0;
      const y = db[k] ?? 0;
      const diff = mistakes.dropAddSubCarries ? Math.abs(x - y) : x - y - borrow;
      const digit = (diff + 10) % 10;
      steps.push([x, y, borrow, digit]);
      out.push(digit);
      borrow = !mistakes.dropAddSubCarries && diff < 0 ? 1 : 0;
    }
  } else {
    let carry = 0;
    for (let k = 0; k < da.length; k++) {
      const x = da[k] ?? 0;
      const total = x * b + carry;
      const [high, low] = [Math.floor(total / 10), total % 10];
      steps.push([x, carry, high, low]);
      out.push(low);
      carry = mistakes.dropMultiplyCarries ? 0 : high;
    }
    if (carry > 0) out.push(carry);
  }
  return { steps, answer: fromLsbFirst(out) };
}

export function renderSolution(solution: WorkedSolution): string {
  const steps = solution.steps.map((s) => `${s.join(" ")} ;`).join(" ");
  return `${steps} = ${String(solution.answer).split("").join(" ")} <eos>`;
}
