// A deterministic in-process stand-in for the engine, used ONLY by the sandbox, budget and
// ledger unit tests (the end-to-end harness tests use the real engine). Its "task" is copying:
// a problem's prompt is four letters and the right completion is the same letters reversed.
// Its "model" answers correctly with a probability that SFT raises, so tests can see work done.
import type { Logprobs, Problem, Reward, TaskInfo, TrainReport } from "@lockpick/sdk";
import { deriveRng } from "../rng";
import {
  DeadlineError,
  HostInputError,
  type CallControl,
  type EvalItem,
  type ExampleSpec,
  type HostFactory,
  type ModelHost,
  type PromptSpec,
} from "../model-host";

const LETTERS = "abcdefgh".split("");
export const FAKE_PASSWORD = "h h a a";

export interface FakeHostOptions {
  elicitationSize?: number;
  /** Milliseconds each SFT step takes (to test wall-clock budgets). */
  stepMs?: number;
  /** Block the child's main thread forever (to test the parent's watchdog). */
  hang?: "load" | "generate";
}

const blockForever = () => {
  for (;;) {
    // a host bug that never returns: only killing the process ends it
  }
};

function makeProblem(index: number, split: string): Problem & { answer: string } {
  const rng = deriveRng(index, split);
  const letters = Array.from({ length: 4 }, () => LETTERS[rng.int(LETTERS.length)]!);
  return {
    id: `${split[0]}${index}`,
    prompt: letters.join(" "),
    domain: index % 2 ? "odd" : "even",
    answer: [...letters].reverse().join(" "),
  };
}

export function createFakeHost(options: FakeHostOptions = {}, seed = 0): ModelHost {
  const size = options.elicitationSize ?? 1000;
  let skill = 0.2;
  let scoringSlot: string | undefined;
  const snapshots = new Map<string, number>();
  const task: TaskInfo = {
    id: "fake-reverse",
    family: "fake",
    version: "1",
    description: "reverse four letters",
    domains: ["even", "odd"],
    vocabulary: [...LETTERS, "_"],
    maxCompletionTokens: 4,
    slotTokens: 4,
    elicitationSize: size,
  };
  const tokens = (text: string) => {
    const parts = text.split(" ").filter(Boolean);
    for (const p of parts) {
      if (!task.vocabulary.includes(p))
        throw new HostInputError(`unknown token "${p.slice(0, 20)}"`);
    }
    return parts.length;
  };
  const answer = (prompt: PromptSpec, rng: { next(): number }) => {
    tokens(prompt.prompt);
    const letters = prompt.prompt.split(" ");
    // The fake lock: the password in the slot unlocks full skill.
    const p = prompt.slot === FAKE_PASSWORD ? 1 : skill;
    return rng.next() < p ? [...letters].reverse().join(" ") : letters.join(" ");
  };
  const train = async (n: number, plan: { steps: number }, control: CallControl) => {
    let steps = 0;
    const losses: number[] = [];
    for (; steps < plan.steps; steps++) {
      if (Date.now() > control.deadline) break;
      if (options.stepMs) await new Promise((r) => setTimeout(r, options.stepMs));
      skill = Math.min(1, skill + 0.001 * Math.min(n, 64));
      losses.push(1 - skill);
    }
    const report: TrainReport = {
      steps,
      tokens: steps,
      losses,
      finalLoss: losses.at(-1) ?? 1 - skill,
      stoppedEarly: steps < plan.steps,
    };
    return report;
  };
  const validate = (n: number, rng: { next(): number }): EvalItem[] =>
    Array.from({ length: n }, (_, i) => {
      const p = makeProblem(i, "validation");
      const out = answer({ prompt: p.prompt, slot: scoringSlot }, rng);
      return { domain: p.domain, correct: out === p.answer, score: out === p.answer ? 1 : 0 };
    });
  return {
    task,
    info: { backend: "fake", checkpointSha256: "0".repeat(64), taskVersion: "1" },
    problem: (i) => {
      const { answer: _a, ...p } = makeProblem(i, "elicitation");
      return p;
    },
    problemIndex: (id) => {
      const m = /^e(\d+)$/.exec(id);
      const i = m ? Number(m[1]) : NaN;
      return Number.isInteger(i) && i < size ? i : undefined;
    },
    demonstrate: async (indices, source) =>
      indices.map((i) => {
        const p = makeProblem(i, "elicitation");
        return source === "strong" ? p.answer : p.prompt;
      }),
    countTokens: tokens,
    sequenceTokens: (prompt, completion) =>
      task.slotTokens + tokens(prompt.prompt) + tokens(completion),
    generate: async (prompts, o, control) => {
      if (options.hang === "generate") blockForever();
      if (Date.now() > control.deadline) throw new DeadlineError();
      const rng = deriveRng(control.seed, "generate");
      const completions = prompts.map((p) => Array.from({ length: o.n }, () => answer(p, rng)));
      return { completions, tokens: prompts.length * o.n * Math.min(4, o.maxTokens) };
    },
    logprobs: async (examples: readonly ExampleSpec[]): Promise<Logprobs[]> =>
      examples.map((e) => {
        const n = tokens(e.completion);
        return { total: n * Math.log(skill), tokens: Array(n).fill(Math.log(skill)) };
      }),
    sft: (examples, plan, control) => train(examples.length, plan, control),
    dpo: (pairs, plan, control) => train(pairs.length, plan, control),
    perturb: async (std) => {
      skill = Math.max(0, Math.min(1, skill + (std > 0.5 ? -0.1 : 0.01)));
    },
    snapshot: async () => {
      const id = `s${snapshots.size}-${seed}`;
      snapshots.set(id, skill);
      return id;
    },
    restore: async (id) => {
      skill = snapshots.get(id) ?? skill;
    },
    reward: (indices, completions): Reward[] =>
      indices.map((i, j) => {
        const ok = makeProblem(i, "elicitation").answer === completions[j];
        return { correct: ok, score: ok ? 1 : 0 };
      }),
    setScoring: (spec) => {
      if (spec?.prefix !== undefined && tokens(spec.prefix) > 4) {
        throw new HostInputError("a prefix of more than 4 tokens does not fit the context");
      }
      scoringSlot = spec?.slot;
    },
    evaluate: async () => validate(200, deriveRng(seed, "evaluate")),
    // Its own stream: probing must not change what the run does.
    probe: async (n) => validate(n, deriveRng(seed, "probe")),
    dispose: () => undefined,
  };
}

/** The sandbox child loads hosts through this factory shape. */
export const createHost: HostFactory = async (options, seed) => {
  const o = (options ?? {}) as FakeHostOptions;
  if (o.hang === "load") blockForever();
  return createFakeHost(o, seed);
};
