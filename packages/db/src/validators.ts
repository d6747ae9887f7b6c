// Insert validators derived from the schema (drizzle-zod), refined where the column type says
// less than the domain does. Used at the boundaries: tRPC inputs, job payloads, registration.
import { createInsertSchema, createSelectSchema } from "drizzle-zod";
import { z } from "zod";
import {
  lockedModels,
  results,
  runs,
  submissions,
  taskFamilies,
  taskInstances,
  users,
  type SubmissionDryRun,
} from "./schema/index";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "a lowercase hex SHA-256");
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, "lowercase letters, digits and dashes");

export const insertUserSchema = createInsertSchema(users, { email: z.email().nullish() });
export const insertTaskFamilySchema = createInsertSchema(taskFamilies, { id: slug });
export const insertTaskInstanceSchema = createInsertSchema(taskInstances, {
  slug,
  config: z.record(z.string(), z.unknown()),
});
export const insertLockedModelSchema = createInsertSchema(lockedModels, {
  checkpointSha256: sha256.nullish(),
  passwordCommitment: sha256.nullish(),
});
const finiteOrNull = z.number().finite().nullable();

/** The stored dry run of a submission (`submissions.dry_run`). */
export const submissionDryRunSchema = z.object({
  ok: z.boolean(),
  outcome: z.string().max(40),
  task: z.string().max(200).nullable(),
  lock: z.string().max(200).nullable(),
  taskConfig: z.record(z.string(), z.unknown()).nullish(),
  budget: finiteOrNull,
  seconds: finiteOrNull,
  correctness: z.number().min(0).max(1).nullable(),
  problems: z.number().int().nonnegative().nullable(),
  error: z.string().max(20_000).nullable(),
  at: z.iso.datetime(),
}) satisfies z.ZodType<SubmissionDryRun>;

export const insertSubmissionSchema = createInsertSchema(submissions, {
  name: z.string().min(1).max(80),
  track: z.enum(["demonstrations", "rewards", "weak-demonstrations", "prompting"]),
  source: z.string().min(1).max(200_000),
  bundleSha256: sha256,
  bundleSourceMap: z
    .string()
    .max(4 * 1024 * 1024)
    .nullish(),
  dryRun: submissionDryRunSchema.nullish(),
  params: z.record(z.string(), z.unknown()).optional(),
});
export const insertRunSchema = createInsertSchema(runs, {
  budget: z.number().int().nonnegative(),
  seed: z.number().int().nonnegative(),
});
export const insertResultSchema = createInsertSchema(results, {
  correctness: z.number().min(0).max(1),
  recovery: z.number().finite(),
});
export const selectRunSchema = createSelectSchema(runs);

export type NewUser = z.infer<typeof insertUserSchema>;
export type NewTaskFamily = z.infer<typeof insertTaskFamilySchema>;
export type NewTaskInstance = z.infer<typeof insertTaskInstanceSchema>;
export type NewLockedModel = z.infer<typeof insertLockedModelSchema>;
export type NewSubmission = z.infer<typeof insertSubmissionSchema>;
export type NewRun = z.infer<typeof insertRunSchema>;
export type NewResult = z.infer<typeof insertResultSchema>;
