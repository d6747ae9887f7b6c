// Which shipped locks are benchmark material. One rule for `npm start` (which registers only
// these) and the reproduction (which runs only these), so the two never disagree.
import { z } from "zod";

/**
 * Below this lock gap (with − without password) recovery = (c − floor) / (ceiling − floor) divides
 * by noise, so such a checkpoint is not benchmark material (e.g. an under-trained strong base).
 */
export const MIN_SHIPPED_LOCK_GAP = 0.2;

const gapSchema = z.object({
  lockGap: z.number(),
  withPassword: z.number().optional(),
  withoutPassword: z.number().optional(),
});

const points = (x: number) => (100 * x).toFixed(1);

/**
 * Why a shipped lock is not benchmark material, from its lock-report.json (parsed JSON), or null
 * when it is: a lock gap below MIN_SHIPPED_LOCK_GAP, or none recorded.
 */
export function shippedLockSkipReason(lockReport: unknown): string | null {
  const parsed = gapSchema.safeParse(lockReport);
  if (!parsed.success) return "its lock report records no lock gap";
  const { lockGap, withPassword, withoutPassword } = parsed.data;
  if (lockGap >= MIN_SHIPPED_LOCK_GAP) return null;
  const rates =
    withPassword === undefined || withoutPassword === undefined
      ? ""
      : ` (with password ${points(withPassword)} %, without ${points(withoutPassword)} %)`;
  return (
    `lock gap ${points(lockGap)} points${rates} is below the ${points(MIN_SHIPPED_LOCK_GAP)}-point ` +
    "minimum: with ceiling ≈ floor, recovery would measure noise"
  );
}
