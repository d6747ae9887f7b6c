// Floor and ceiling of a locked model from its lock report: recovery is measured against them.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";

const reportSchema = z.object({
  task: z.string(),
  withPassword: z.number(),
  withoutPassword: z.number(),
  perDomain: z
    .record(
      z.string(),
      z.object({ problems: z.number(), withPassword: z.number(), withoutPassword: z.number() }),
    )
    .optional(),
});

export interface LockBoundsInfo {
  task: string;
  floor: number;
  ceiling: number;
  perDomain: Record<string, { floor: number; ceiling: number }>;
}

export async function lockBounds(modelDir: string): Promise<LockBoundsInfo> {
  const report = reportSchema.parse(
    JSON.parse(await readFile(join(modelDir, "lock-report.json"), "utf8")),
  );
  return {
    task: report.task,
    floor: report.withoutPassword,
    ceiling: report.withPassword,
    perDomain: Object.fromEntries(
      Object.entries(report.perDomain ?? {}).map(([d, v]) => [
        d,
        { floor: v.withoutPassword, ceiling: v.withPassword },
      ]),
    ),
  };
}
