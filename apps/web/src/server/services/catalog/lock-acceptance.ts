// The verdict a lock report carries (`acceptance` in @lockpick/bench/lock's report): accepted
// or the failed checks. A model without a report (or with one of another shape) is not accepted.
import { z } from "zod";

const reportAcceptance = z.object({
  acceptance: z.object({ accepted: z.boolean(), reasons: z.array(z.string()) }),
});

export type LockAcceptance = { accepted: boolean; reasons: string[] };

export function lockAcceptance(report: unknown): LockAcceptance {
  const parsed = reportAcceptance.safeParse(report);
  if (!parsed.success)
    return { accepted: false, reasons: ["the model has no lock report verdict"] };
  return parsed.data.acceptance;
}
