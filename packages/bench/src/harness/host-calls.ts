// What each host call costs and does: validated arguments in, the cost to charge and the work
// to run after the charge out. Refusals (bad input the schemas cannot express) are thrown as
// `Refusal` before anything is charged.
import type { BudgetKind, DemoSource, Metrics, TrackId } from "@lockpick/sdk";
import type { Cost } from "./budget-meter";
import { CAPS, type CallArgs, type CallName } from "./host-schemas";
import type { ModelHost, ScoringSpec } from "./model-host";
import type { Rng } from "./rng";
import { TRACKS } from "./tracks";
import { trainPlan } from "./train-plan";

export type HostErrorInfo =
  | { type: "budget"; kind: BudgetKind; requested: number; remaining: number }
  | { type: "host"; message: string };

/** Per-run state the calls read and update. */
export interface CallState {
  host: ModelHost;
  rng: Rng;
  track: TrackId;
  /** Wall-clock deadline (clock value) handed to long host work. */
  deadline: () => number;
  /** Elicitation indices already lent as demonstrations. */
  drawn: Set<number>;
  snapshots: Set<string>;
  logs: { atMs: number; metrics: Metrics }[];
  t0: number;
  /** What the final evaluation scores with (null: blank slot, bare prompts). */
  scoring: ScoringSpec | null;
}

/** A refusal carried to the plugin (not a host failure). */
export class Refusal extends Error {
  constructor(readonly info: HostErrorInfo) {
    super(info.type === "host" ? info.message : `budget ${info.kind}`);
  }
}
export const refuse = (message: string) => new Refusal({ type: "host", message });

export interface Work {
  cost: Cost;
  /** Recorded in the ledger entry of a successful call (what a setting was set to). */
  detail?: string;
  run?: () => Promise<{ value: unknown; refund?: Cost }>;
  value?: unknown;
}

/** The cost and work of one validated call (sync calls do their work here, as `value`). */
export function planCall(call: CallName, args: unknown, state: CallState): Work {
  const { host, rng } = state;
  const control = () => ({ seed: rng.seed(), deadline: state.deadline() });
  switch (call) {
    case "problems.sample": {
      const [n, { domain }] = args as CallArgs<"problems.sample">;
      return { cost: {}, value: pick(state, n, domain, new Set()).map((i) => host.problem(i)) };
    }
    case "problems.list": {
      const [offset, limit] = args as CallArgs<"problems.list">;
      const end = Math.min(offset + limit, host.task.elicitationSize);
      const value = [];
      for (let i = offset; i < end; i++) value.push(host.problem(i));
      return { cost: {}, value };
    }
    case "log": {
      const [metrics] = args as CallArgs<"log">;
      if (state.logs.length >= CAPS.logs) throw refuse(`more than ${CAPS.logs} log calls`);
      if (Object.keys(metrics).length > CAPS.logKeys) throw refuse("too many metrics");
      state.logs.push({ atMs: Date.now() - state.t0, metrics: { ...metrics } });
      return { cost: {}, value: null };
    }
    case "scoring.set": {
      const [{ slot, prefix }] = args as CallArgs<"scoring.set">;
      const spec: ScoringSpec = {
        ...(slot === undefined ? {} : { slot: scoringSlot(slot, host) }),
        ...(prefix === undefined || prefix.trim() === "" ? {} : { prefix: prefix.trim() }),
      };
      const next = Object.keys(spec).length === 0 ? null : spec;
      host.setScoring(next); // throws HostInputError (prefix too long, unknown token) first
      state.scoring = next;
      return { cost: {}, value: null, detail: `scoring ${JSON.stringify(next)}`.slice(0, 300) };
    }
    case "demonstrations": {
      const [n, { source, domain }] = args as CallArgs<"demonstrations">;
      const sources = TRACKS[state.track].sources;
      const from: DemoSource = source ?? sources[0] ?? "strong";
      if (sources.length > 0 && !sources.includes(from)) {
        throw refuse(
          `source "${from}" is not lent on track ${state.track} (${sources.join(", ")})`,
        );
      }
      return {
        cost: { demonstrations: n },
        run: async () => {
          const indices = pick(state, n, domain, state.drawn);
          for (const i of indices) state.drawn.add(i);
          const completions = await host.demonstrate(indices, from);
          const value = indices.map((i, j) => ({
            ...host.problem(i),
            completion: completions[j],
            source: from,
          }));
          return { value };
        },
      };
    }
    case "generate": {
      const [prompts, o] = args as CallArgs<"generate">;
      const max = host.task.maxCompletionTokens;
      const maxTokens = o.maxTokens ?? max;
      if (maxTokens > max) throw refuse(`maxTokens ${maxTokens} exceeds the task's ${max}`);
      if (prompts.length * o.n > CAPS.generations) throw refuse("too many generations in one call");
      const charged = prompts.length * o.n * maxTokens;
      return {
        cost: { generatedTokens: charged },
        run: async () => {
          const out = await host.generate(prompts, { ...o, maxTokens }, control());
          return {
            value: out.completions,
            refund: { generatedTokens: Math.max(0, charged - out.tokens) },
          };
        },
      };
    }
    case "logprobs": {
      const [examples] = args as CallArgs<"logprobs">;
      const tokens = examples.reduce((sum, e) => sum + host.countTokens(e.completion), 0);
      return {
        cost: { generatedTokens: tokens },
        run: async () => ({ value: await host.logprobs(examples, control()) }),
      };
    }
    case "sft": {
      const [examples, options] = args as CallArgs<"sft">;
      const plan = trainPlan(examples.length, options);
      const seq = Math.max(...examples.map((e) => host.sequenceTokens(e.prompt, e.completion)));
      const charged = plan.steps * plan.batchSize * seq;
      return {
        cost: { trainingTokens: charged },
        run: async () => {
          const report = await host.sft(examples, plan, control());
          return { value: report, refund: unusedTraining(charged, report.steps, plan.steps) };
        },
      };
    }
    case "dpo": {
      const [pairs, { beta, reference, ...options }] = args as CallArgs<"dpo">;
      if (reference !== undefined && reference !== "initial" && !state.snapshots.has(reference)) {
        throw refuse(`unknown snapshot "${reference}"`);
      }
      const plan = {
        ...trainPlan(pairs.length, options),
        beta: beta ?? 0.1,
        reference: reference ?? "initial",
      };
      const seq = Math.max(
        ...pairs.map(
          (p) =>
            host.sequenceTokens(p.prompt, p.chosen) + host.sequenceTokens(p.prompt, p.rejected),
        ),
      );
      const charged = plan.steps * plan.batchSize * seq;
      return {
        cost: { trainingTokens: charged },
        run: async () => {
          const report = await host.dpo(pairs, plan, control());
          return { value: report, refund: unusedTraining(charged, report.steps, plan.steps) };
        },
      };
    }
    case "perturb": {
      const [{ std, seed }] = args as CallArgs<"perturb">;
      const noiseSeed = seed ?? rng.seed();
      return {
        cost: { perturbations: 1 },
        run: async () => ({ value: (await host.perturb(std, noiseSeed)) ?? null }),
      };
    }
    case "snapshot": {
      if (state.snapshots.size >= CAPS.snapshots)
        throw refuse(`more than ${CAPS.snapshots} snapshots`);
      return {
        cost: {},
        run: async () => {
          const id = await host.snapshot();
          state.snapshots.add(id);
          return { value: id };
        },
      };
    }
    case "restore": {
      const [id] = args as CallArgs<"restore">;
      if (!state.snapshots.has(id)) throw refuse(`unknown snapshot "${id}"`);
      return { cost: {}, run: async () => ({ value: (await host.restore(id)) ?? null }) };
    }
    case "reward": {
      const [ids, completions] = args as CallArgs<"reward">;
      if (ids.length !== completions.length)
        throw refuse("reward needs one completion per problem");
      const indices = ids.map((problemId) => {
        const index = host.problemIndex(problemId);
        if (index === undefined) throw refuse(`"${problemId}" is not an elicitation problem`);
        return index;
      });
      return {
        cost: { rewardQueries: ids.length },
        run: async () => ({ value: host.reward(indices, completions) }),
      };
    }
  }
}

/** A scoring slot must fill the slot exactly, with tokens of the task's vocabulary. */
function scoringSlot(text: string, host: ModelHost): string {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  const width = host.task.slotTokens;
  if (tokens.length !== width) {
    throw refuse(`the scoring slot has ${tokens.length} tokens; it must have exactly ${width}`);
  }
  const unknown = tokens.find((t) => !host.task.vocabulary.includes(t));
  if (unknown !== undefined) {
    throw refuse(`the scoring slot's "${unknown.slice(0, 24)}" is not a ${host.task.id} token`);
  }
  return tokens.join(" ");
}

/** `n` distinct elicitation indices not in `exclude`, optionally of one domain. */
function pick(
  state: CallState,
  n: number,
  domain: string | undefined,
  exclude: ReadonlySet<number>,
): number[] {
  const size = state.host.task.elicitationSize;
  if (domain !== undefined && !state.host.task.domains.includes(domain)) {
    throw refuse(`unknown domain "${domain}"`);
  }
  const chosen = new Set<number>();
  for (let tries = 0; chosen.size < n; tries++) {
    if (tries > 64 * n + 1024) throw refuse(`not enough problems for ${n} draws`);
    const i = state.rng.int(size);
    if (exclude.has(i) || chosen.has(i)) continue;
    if (domain !== undefined && state.host.problem(i).domain !== domain) continue;
    chosen.add(i);
  }
  return [...chosen];
}

function unusedTraining(charged: number, done: number, planned: number): Cost {
  const used = Math.ceil((charged * Math.min(done, planned)) / planned);
  return { trainingTokens: charged - used };
}
