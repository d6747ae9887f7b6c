// What the run handler hands an executor, and what it expects back. The harness adapter maps
// these onto @lockpick/bench/harness; the synthetic executor fakes the work for queue tests.
import { z } from "zod";

export type RunRequest = {
  runId: string;
  attempt: number;
  seed: number;
  budget: number;
  track: string;
  bundle: string;
  bundleSha256: string;
  /** The bundle's source map, when stored: failure reasons point into the author's source. */
  bundleSourceMap?: string | null;
  params: Record<string, unknown>;
  task: { slug: string; familyId: string; config: Record<string, unknown>; version: number };
  model: {
    id: string;
    name: string;
    visibility: "public" | "private";
    /** Local directory holding the checkpoint (fetched from storage). */
    checkpointDir: string | null;
    checkpointSha256: string | null;
    /** Secret: stays in the host, never enters the sandbox. */
    password: string | null;
    lockReport: Record<string, unknown> | null;
  };
};

export const runOutcomeSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("succeeded"),
    correctness: z.number().min(0).max(1),
    recovery: z.number(),
    metrics: z.record(z.string(), z.unknown()).default({}),
    curves: z.record(z.string(), z.unknown()).default({}),
    spentBudget: z.record(z.string(), z.number()).default({}),
    ledger: z.array(z.unknown()).default([]),
    reproducibility: z.record(z.string(), z.unknown()).default({}),
  }),
  z.object({
    status: z.literal("failed"),
    kind: z.enum(["plugin", "budget", "timeout"]),
    reason: z.string(),
  }),
]);

export type RunOutcome = z.input<typeof runOutcomeSchema>;
