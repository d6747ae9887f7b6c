// A tiny task a small model learns in seconds, for the pipeline's end-to-end tests: the prompt
// is three digits, π_strong writes them reversed, π_weak copies them. (Function composition
// needs minutes of training before greedy decoding gets anything right.)
import { Vocabulary, type Problem, type SplitName, type Task } from "@lockpick/tasks";
import { createRng } from "./rng";

type Digits = { digits: number[] };
const vocab = new Vocabulary([..."0123456789", ">"]);
const SPLIT: SplitName[] = [
  "weak",
  "lock",
  "lock",
  "lock",
  "lock",
  "elicit",
  "elicit",
  "elicit",
  "validation",
  "validation",
];

const make = (index: number): Problem<Digits> => {
  const digits = String(index).padStart(3, "0").split("").map(Number);
  return {
    id: `t.${index}`,
    domain: index % 2 ? "odd" : "even",
    prompt: `${digits.join(" ")} >`,
    hidden: { digits },
  };
};
const splitOf = (index: number) => SPLIT[Math.floor(index / 7) % 10] as SplitName;
const reversed = (p: Problem<Digits>) => `${[...p.hidden.digits].reverse().join(" ")} <eos>`;

export function reverseToyTask(): Task {
  const indices = (split: SplitName) =>
    Array.from({ length: 1000 }, (_, i) => i).filter((i) => splitOf(i) === split);
  const task: Task<Problem<Digits>> = {
    id: "toy-reverse",
    version: "1-0",
    title: "Reverse three digits (test task)",
    description: "Reverse the digits (strong) or copy them (weak).",
    evaluatorDescription: "Correct when the completion is the reversed digits.",
    domains: ["even", "odd"],
    config: {},
    vocab,
    maxPromptTokens: 4,
    maxCompletionTokens: 4,
    contextLength: (slotTokens, slots = 1) => slotTokens * slots + 8,
    size: 1000,
    strata: [{ name: "t", size: 1000 }],
    splitOf: (p) => {
      const id = typeof p === "string" ? p : p.id;
      const index = Number(id.split(".")[1]);
      return Number.isInteger(index) && index >= 0 && index < 1000 ? splitOf(index) : undefined;
    },
    problem: (id) => {
      const index = Number(id.split(".")[1]);
      return Number.isInteger(index) && index >= 0 && index < 1000 ? make(index) : undefined;
    },
    *iterate(split, seed, domain) {
      for (const i of createRng(seed, split).shuffle(indices(split))) {
        const p = make(i);
        if (domain === undefined || p.domain === domain) yield p;
      }
    },
    sample(split, n, seed, options) {
      return [...this.iterate(split, seed, options?.domain)].slice(0, n);
    },
    publicView: (p) => ({ id: p.id, domain: p.domain, prompt: p.prompt }),
    policies: {
      strong: reversed,
      weak: (p) => `${p.hidden.digits.join(" ")} <eos>`,
      fixedrdm: () => "0 0 0 <eos>",
    },
    fixedRdmDistribution: new Float64Array(vocab.size),
    evaluate(problem, completion) {
      const want = reversed(problem);
      const got = typeof completion === "string" ? completion.trim().split(/\s+/).join(" ") : "";
      const correct = got === want || `${got} <eos>` === want;
      return { correct, score: correct ? 1 : 0 };
    },
  };
  return task as unknown as Task;
}
