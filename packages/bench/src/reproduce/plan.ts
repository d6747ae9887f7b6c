// The reproduction's grid: which built-in method runs on which shipped lock, track, budget and
// seed. Runs are listed in priority order (the done-when curve first, then lock difficulty,
// then the paper's other findings) so an interrupted reproduction has the important cells.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { BudgetKind, ParamValue, TrackId } from "@lockpick/sdk";
import { lockReportTaskConfig } from "../harness/lock-bounds";
import { shippedLockSkipReason } from "../lock/lock-gap";
import type { BuiltinMethodId } from "../methods";

export interface ShippedModel {
  task: string;
  variant: string;
  dir: string;
  /**
   * The task config the lock was built on, from its lock report (absent: not read, or an older
   * lock built on the default). Only the report's labels use it; runs and cache keys are
   * `<task>/<variant>`.
   */
  taskConfig?: Record<string, unknown>;
}

export interface RunSpec {
  group: Group;
  method: BuiltinMethodId;
  task: string;
  variant: string;
  track: TrackId;
  budget: number;
  seed: number;
  params?: Record<string, ParamValue>;
  limits?: Partial<Record<BudgetKind, number>>;
}

export const GROUPS = [
  "core",
  "difficulty",
  "rewards",
  "weak",
  "domains",
  "beyond",
  "locks",
] as const;
export type Group = (typeof GROUPS)[number];

export const SFT_GRID = [1, 4, 16, 64, 256] as const;
export const DIFFICULTY_GRID = [4, 16, 64, 256] as const;
export const DIFFICULTY_SEEDS = 8;
export const REWARD_GRID = [256, 1024, 4096] as const;
/** Seeds of every cell but the difficulty curves (the issue asks for means of 3). */
export const SEEDS = [1, 2, 3];
const DEFAULT = "ft-default";
const MAIN_TASK = "function-composition";

/** Every shipped lock: packages/bench/models/<task>/<variant>/ with a lock report. */
export function shippedModels(root: string): ShippedModel[] {
  if (!existsSync(root)) return [];
  const out: ShippedModel[] = [];
  for (const task of readdirSync(root).sort()) {
    const taskDir = join(root, task);
    if (!existsSync(taskDir) || task.startsWith(".")) continue;
    for (const variant of readdirSync(taskDir).sort()) {
      const dir = join(taskDir, variant);
      if (existsSync(join(dir, "lock-report.json"))) out.push({ task, variant, dir });
    }
  }
  return out;
}

/** A shipped lock the reproduction leaves out, and why. */
export interface SkippedLock extends ShippedModel {
  reason: string;
}

/**
 * The shipped locks split by the rule `npm start` registers them by (`shippedLockSkipReason`:
 * a lock gap too small for recovery to mean anything): `locks` to run, `skipped` with reasons.
 */
export function selectShippedLocks(root: string): {
  locks: ShippedModel[];
  skipped: SkippedLock[];
} {
  const locks: ShippedModel[] = [];
  const skipped: SkippedLock[] = [];
  for (const m of shippedModels(root)) {
    const report: unknown = JSON.parse(readFileSync(join(m.dir, "lock-report.json"), "utf8"));
    const reason = shippedLockSkipReason(report);
    const taskConfig = lockReportTaskConfig(report);
    const model = taskConfig ? { ...m, taskConfig } : m;
    if (reason === null) locks.push(model);
    else skipped.push({ ...model, reason });
  }
  return { locks, skipped };
}

/** Domains per task, for the §5.2 single-domain runs. */
export interface PlanInput {
  models: readonly ShippedModel[];
  domains: Record<string, readonly string[]>;
}

export function buildPlan({ models, domains }: PlanInput): RunSpec[] {
  const plan: RunSpec[] = [];
  const add = (
    group: Group,
    m: ShippedModel,
    method: BuiltinMethodId,
    track: TrackId,
    budgets: readonly number[],
    seeds: readonly number[] = SEEDS,
    extra: Pick<RunSpec, "params" | "limits"> = {},
  ) => {
    for (const budget of budgets) {
      for (const seed of seeds) {
        plan.push({
          group,
          method,
          task: m.task,
          variant: m.variant,
          track,
          budget,
          seed,
          ...extra,
        });
      }
    }
  };
  const main = models.find((m) => m.task === MAIN_TASK && m.variant === DEFAULT) ?? models[0];
  if (!main) return plan;
  const others = models.filter((m) => m !== main);
  const fixedrdm = models.filter((m) => /fixedrdm/.test(m.variant));

  // Done-when: the default lock's SFT curve, weak demonstrations, and doing nothing.
  add("core", main, "none", "demonstrations", [1]);
  add("core", main, "sft", "demonstrations", [4, 64, 256]);
  add("core", main, "sft-weak", "weak-demonstrations", [64]);
  add("core", main, "sft", "demonstrations", [16, 1]);

  // Difficulty of the default lock: SFT over ≥ 8 demonstration seeds (other locks: "locks").
  const eight = Array.from({ length: DIFFICULTY_SEEDS }, (_, i) => i + 1);
  add("difficulty", main, "sft", "demonstrations", DIFFICULTY_GRID, eight);

  // §6: RL-style methods on the default lock (and from fixedrdm when such a lock ships).
  // Mid budget first: it is the one every reward method is compared at.
  const rewardOrder = [1024, 256, 4096].filter((n) =>
    (REWARD_GRID as readonly number[]).includes(n),
  );
  for (const n of rewardOrder) {
    for (const m of [main, ...fixedrdm]) {
      add("rewards", m, "expert-iteration", "rewards", [n]);
      add("rewards", m, "iterated-dpo", "rewards", [n]);
    }
  }
  add("rewards", main, "filtering", "rewards", [1024]);
  add("rewards", main, "dpo", "rewards", [1024]);
  add("rewards", main, "dpo-continuous", "rewards", [1024]);
  add("rewards", main, "sft-then-rl", "rewards", [1024], SEEDS, { limits: { demonstrations: 16 } });
  add("rewards", main, "sft-then-rl", "rewards", [1024]);

  // §5.1 / B.2 / B.3.2: weak and intermediate demonstrations.
  add("weak", main, "sft-weak", "weak-demonstrations", [16, 256]);
  add("weak", main, "sft-intermediate", "weak-demonstrations", [16, 64, 256]);

  // §5.2: demonstrations from one domain only.
  for (const domain of domains[main.task] ?? []) {
    add("domains", main, "sft", "demonstrations", [64], SEEDS, { params: { domain } });
  }

  // Beyond the paper.
  add("beyond", main, "noise", "rewards", [1024]);
  add("beyond", main, "noise", "demonstrations", [64]);
  add("beyond", main, "prompt-search", "demonstrations", [16]);
  add("beyond", main, "few-shot", "demonstrations", [16]);
  add("beyond", main, "sft", "demonstrations", [16, 64], SEEDS, { params: { select: true } });
  add("beyond", main, "none", "rewards", [1024]);

  // Difficulty of every other shipped lock (the paper's finding 5 compares them).
  for (const m of others) add("locks", m, "sft", "demonstrations", DIFFICULTY_GRID, eight);
  return plan;
}
