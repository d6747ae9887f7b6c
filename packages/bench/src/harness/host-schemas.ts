// zod schemas and size caps for every argument a plugin can send through the bridge. The
// plugin is untrusted: everything is re-parsed here from JSON text, unknown keys are refused,
// and every string, array and number has a bound.
import { z } from "zod";

export const CAPS = {
  /** JSON text of one call's arguments. */
  argBytes: 4 * 1024 * 1024,
  /** Prompts, examples, pairs or completions in one call. */
  items: 4096,
  /** Prompts × n of one generate call. */
  generations: 16_384,
  /** Characters of one prompt or completion. */
  text: 2048,
  /** Characters of password-slot text. */
  slot: 256,
  /** Problems per sample/list call. */
  problems: 4096,
  /** Host calls per run (sync and async). */
  calls: 20_000,
  /** Async host calls waiting at once. */
  pending: 16,
  /** Snapshots per run. */
  snapshots: 8,
  /** ctx.log calls per run, keys per call, characters per string value. */
  logs: 2000,
  logKeys: 32,
  logText: 256,
} as const;

const text = z.string().max(CAPS.text);
const id = z.string().max(64);

export const promptSchema = z
  .object({ prompt: text, slot: z.string().max(CAPS.slot).optional() })
  .strict();
const weight = z.number().min(0).max(100).default(1);
const exampleSchema = z.object({ prompt: promptSchema, completion: text, weight }).strict();
const pairSchema = z
  .object({ prompt: promptSchema, chosen: text, rejected: text, weight })
  .strict();

const trainShape = {
  lr: z.number().positive().max(1).optional(),
  epochs: z.number().positive().max(1000).optional(),
  steps: z.number().int().min(1).max(100_000).optional(),
  batchSize: z.number().int().min(1).max(512).optional(),
  optimizer: z.enum(["adam", "lion"]).optional(),
  warmupSteps: z.number().int().min(0).max(100_000).optional(),
  schedule: z.enum(["constant", "linear", "cosine"]).optional(),
  weightDecay: z.number().min(0).max(1).optional(),
  gradClip: z.number().positive().max(1000).optional(),
};
const trainOptions = z.object(trainShape).strict();

const domain = z.string().max(64).optional();
const count = (max: number) => z.number().int().min(0).max(max);

export const callSchemas = {
  "problems.sample": z.tuple([count(CAPS.problems), z.object({ domain }).strict()]),
  "problems.list": z.tuple([z.number().int().min(0), count(CAPS.problems)]),
  log: z.tuple([
    z.record(z.string().max(64), z.union([z.number(), z.boolean(), z.string().max(CAPS.logText)])),
  ]),
  demonstrations: z.tuple([
    count(CAPS.items),
    z.object({ source: z.enum(["strong", "weak", "intermediate"]).optional(), domain }).strict(),
  ]),
  generate: z.tuple([
    z.array(promptSchema).max(CAPS.items),
    z
      .object({
        temperature: z.number().min(0).max(10).default(0),
        topP: z.number().positive().max(1).default(1),
        n: z.number().int().min(1).max(64).default(1),
        maxTokens: z.number().int().min(1).optional(),
      })
      .strict(),
  ]),
  logprobs: z.tuple([z.array(exampleSchema).max(CAPS.items)]),
  sft: z.tuple([z.array(exampleSchema).min(1).max(CAPS.items), trainOptions]),
  dpo: z.tuple([
    z.array(pairSchema).min(1).max(CAPS.items),
    z
      .object({
        ...trainShape,
        beta: z.number().positive().max(100).optional(),
        reference: id.optional(),
      })
      .strict(),
  ]),
  perturb: z.tuple([
    z.object({ std: z.number().positive().max(1), seed: z.number().int().optional() }).strict(),
  ]),
  snapshot: z.tuple([]),
  restore: z.tuple([id]),
  "scoring.set": z.tuple([
    z.object({ slot: z.string().max(CAPS.slot).optional(), prefix: text.optional() }).strict(),
  ]),
  reward: z.tuple([z.array(id).max(CAPS.items), z.array(text).max(CAPS.items)]),
} as const;

export type CallName = keyof typeof callSchemas;
export type CallArgs<C extends CallName> = z.output<(typeof callSchemas)[C]>;
export const SYNC_CALLS = new Set<CallName>([
  "problems.sample",
  "problems.list",
  "log",
  "scoring.set",
]);
export type TrainOptionsInput = z.output<typeof trainOptions>;
