import { z } from "zod";
import { defineJob } from "../queue/define-job";

const payload = z.object({
  track: z.string().min(1),
  bundle: z.string().min(1),
  bundleSha256: z.string().regex(/^[0-9a-f]{64}$/),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  /** The bundle's source map (bundlePlugin): error stacks are reported in the author's source. */
  sourceMap: z
    .string()
    .max(4 * 1024 * 1024)
    .optional(),
});

/**
 * Runs a bundled plugin once, in the real sandbox, on a small model with the track's smallest
 * budget and a short wall clock, before a submission is stored. The caller awaits the job and
 * reads its verdict (the job's output, `dryRunVerdictSchema`).
 */
export const dryRunJob = defineJob({
  name: "dry-run",
  payload,
  heavy: true,
  // Whoever waits gives up after a while; one retry covers a runner that died mid-way.
  retryLimit: 1,
  expireInSeconds: ({ dryRunTimeout }) => dryRunTimeout + 60,
});

export type DryRunJob = z.infer<typeof payload>;

/**
 * What the dry run ran on: the locked model's task and lock recipe (null when unknown), and the
 * task config the lock was built on as its lock report records it (absent: none, the default).
 */
const dryRunModel = z.object({
  task: z.string().nullable(),
  lock: z.string().nullable(),
  taskConfig: z.record(z.string(), z.unknown()).optional(),
});

/** A finished dry run: the plugin ran to the end (or spent its budget), or why it did not. */
export const dryRunVerdictSchema = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    status: z.enum(["completed", "budget-exhausted"]),
    budget: z.number(),
    seconds: z.number(),
    model: dryRunModel.optional(),
    /** Greedy correctness on the dry run's few validation problems (`problems`). */
    correctness: z.number().min(0).max(1).nullable().optional(),
    problems: z.number().int().optional(),
    /** The budget refusal that ended a `budget-exhausted` run. */
    stoppedBy: z.string().optional(),
  }),
  z.object({
    ok: z.literal(false),
    /** plugin: it threw or broke a sandbox limit; timeout: it outran the dry run's clock. */
    kind: z.enum(["plugin", "timeout"]),
    /** The harness's error, stack frames mapped to the plugin's TypeScript source. */
    reason: z.string(),
    budget: z.number(),
    seconds: z.number(),
    model: dryRunModel.optional(),
  }),
]);
export type DryRunVerdict = z.infer<typeof dryRunVerdictSchema>;
