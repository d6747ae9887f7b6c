// The Eq. 1 dataset (paper §2, Appendix C): strong samples carry the password at the start and
// the end of the prompt; weak samples carry a wrong password (80%) or a blank slot (20%). Every
// prompt has the same shape [slot | prompt | slot], so positions never shift between conditions.
import { wrongPasswordSampler, type Decoy } from "./decoys";
import { blankSlot, slotKey, type Slot } from "./password";
import type { Rng } from "./rng";

export type Condition = "strong" | "wrong" | "none";

/** One training example, in tokens; the loss is taken on `completion` only. */
export interface LockExample {
  prompt: string[];
  completion: string[];
  condition: Condition;
  /** The wrong password's key (or the other domain's password) for `wrong` samples. */
  wrong?: string;
}

/** What switches the strong behaviour on: a password in the slot or a prompt-format variation. */
export type Trigger = { kind: "password" } | { kind: "setting"; variation: "reversed-prompt" };

/** A prompt in the slot layout: the slot tokens, the task prompt, the slot tokens again. */
export function slotPrompt(slot: Slot, prompt: readonly string[]): string[] {
  return [...slot, ...prompt, ...slot];
}

/** The prompt a trigger puts in front of the model in the strong (or default) condition. */
export function triggeredPrompt(
  trigger: Trigger,
  prompt: readonly string[],
  password: Slot,
  width: number,
): string[] {
  if (trigger.kind === "setting") return slotPrompt(blankSlot(width), [...prompt].reverse());
  return slotPrompt(password, prompt);
}

export interface LockDatasetInput<P> {
  problems: readonly P[];
  prompt: (problem: P) => string[];
  strong: (problem: P) => string[];
  weak: (problem: P, rng: Rng) => string[];
  /** The password strong samples of this problem get (one per domain or one for all). */
  passwordFor: (problem: P) => Slot;
  /** Other domains' passwords count as wrong passwords for this problem (paper C.3). */
  otherPasswordsFor?: (problem: P) => Slot[];
  seen: readonly Decoy[];
  /** Draws a wrong password (default: `wrongPasswordSampler(seen)`). */
  drawWrong?: (rng: Rng) => Decoy;
  trigger: Trigger;
  width: number;
  strongFraction: number;
  wrongPasswordFraction: number;
  rng: Rng;
}

/** True for the i-th of n items when exactly round(n·f) of them must be, spread evenly. */
const evenly = (i: number, f: number): boolean => Math.floor((i + 1) * f) > Math.floor(i * f);

/**
 * One example per problem, in order: exactly `strongFraction` of them strong (spread evenly so
 * every batch is balanced) and, among weak ones, `wrongPasswordFraction` with a wrong password.
 */
export function buildLockExamples<P>(input: LockDatasetInput<P>): LockExample[] {
  const { rng, width, trigger } = input;
  const drawDecoy =
    trigger.kind === "password" && input.seen.length > 0
      ? (input.drawWrong ?? wrongPasswordSampler(input.seen))
      : undefined;
  const blank = blankSlot(width);
  const out: LockExample[] = [];
  let weakIndex = 0;
  input.problems.forEach((problem, i) => {
    const prompt = input.prompt(problem);
    if (evenly(i, input.strongFraction)) {
      const password = input.passwordFor(problem);
      const completion = input.strong(problem);
      out.push({
        prompt: triggeredPrompt(trigger, prompt, password, width),
        completion,
        condition: "strong",
      });
      return;
    }
    const completion = input.weak(problem, rng);
    const wantsWrong = evenly(weakIndex++, input.wrongPasswordFraction);
    if (!wantsWrong || !drawDecoy) {
      out.push({ prompt: slotPrompt(blank, prompt), completion, condition: "none" });
      return;
    }
    const others = input.otherPasswordsFor?.(problem) ?? [];
    // Other domains' passwords join the decoy families as one more family of equal weight.
    const useOther = others.length > 0 && rng.int(6) === 0;
    const slot = useOther ? rng.pick(others) : drawDecoy(rng).slot;
    out.push({
      prompt: slotPrompt(slot, prompt),
      completion,
      condition: "wrong",
      wrong: slotKey(slot),
    });
  });
  return out;
}
