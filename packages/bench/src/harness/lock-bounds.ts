// Floor and ceiling of a locked model, read from its lock report: floor = validation correctness
// without password, ceiling = with password (measured by the lock pipeline, which alone ever
// held the password). Recovery is measured against them.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";

const reportSchema = z.object({
  task: z.string(),
  taskVersion: z.string(),
  withPassword: z.number(),
  withoutPassword: z.number(),
  validationProblems: z.number().int().positive(),
  taskConfig: z.record(z.string(), z.unknown()).optional(),
  perDomain: z
    .record(z.string(), z.object({ withPassword: z.number(), withoutPassword: z.number() }))
    .default({}),
});

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
