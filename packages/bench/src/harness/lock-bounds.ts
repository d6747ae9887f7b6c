// Floor and ceiling of a locked model, read from its lock report: floor = validation correctness
// without password, ceiling = with password (measured by the lock pipeline, which alone ever
// held the password). Recovery is measured against them.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";

/** The task config a lock report records (absent in older reports: the family's default). */
const reportTaskConfigSchema = z.object({
  taskConfig: z.record(z.string(), z.unknown()).optional(),
});

const reportSchema = reportTaskConfigSchema.extend({
  task: z.string(),
  taskVersion: z.string(),
  withPassword: z.number(),
  withoutPassword: z.number(),
  validationProblems: z.number().int().positive(),
  perDomain: z
    .record(z.string(), z.object({ withPassword: z.number(), withoutPassword: z.number() }))
    .default({}),
});

/**
 * The task config a lock report (parsed JSON) records, read by the same schema as
 * `readLockBounds`; undefined when it records none (or no object), whatever else it holds.
 */
export function lockReportTaskConfig(lockReport: unknown): Record<string, unknown> | undefined {
  const parsed = reportTaskConfigSchema.safeParse(lockReport);
  return parsed.success ? parsed.data.taskConfig : undefined;
}

export interface LockBounds {
  task: string;
  taskVersion: string;
  floor: number;
  ceiling: number;
  validationProblems: number;
  /** The task config the lock was built on (absent in older reports: the family's default). */
  taskConfig?: Record<string, unknown>;
  perDomain: Record<string, { floor: number; ceiling: number }>;
}

export async function readLockBounds(modelDir: string): Promise<LockBounds> {
  const report = reportSchema.parse(
    JSON.parse(await readFile(join(modelDir, "lock-report.json"), "utf8")),
  );
  return {
    task: report.task,
    taskVersion: report.taskVersion,
    floor: report.withoutPassword,
    ceiling: report.withPassword,
    validationProblems: report.validationProblems,
    ...(report.taskConfig ? { taskConfig: report.taskConfig } : {}),
    perDomain: Object.fromEntries(
      Object.entries(report.perDomain).map(([d, v]) => [
        d,
        { floor: v.withoutPassword, ceiling: v.withPassword },
      ]),
    ),
  };
}
