// Synthetic leaderboard data for the e2e suite and the load test: published tasks with one
// private and one public locked model each, methods on a track, and finished runs with results.
// Recoveries follow a saturating curve in the budget plus per-seed noise, so tables look real.
// Every model carries an accepted lock-report verdict: the leaderboard counts only runs on locks
// that passed acceptance unless asked for all locks.
import { createHash, randomUUID } from "node:crypto";
import type { Database } from "@lockpick/db/client";
import {
  lockedModels,
  results,
  runs,
  submissions,
  taskFamilies,
  taskInstances,
} from "@lockpick/db/schema";

export type SeedOptions = {
  prefix: string;
  methods: number;
  tasks: number;
  budgets: number[];
  seeds: number;
  track?: string;
  authorId?: string | null;
};

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

async function chunked<T>(items: T[], size: number, write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await write(items.slice(i, i + size));
}

export async function seedLeaderboard(db: Database, o: SeedOptions) {
  const track = o.track ?? "demonstrations";
  const random = rng(o.prefix.length * 7919 + o.methods);
  const familyId = `${o.prefix}-family`;
  await db
    .insert(taskFamilies)
    .values({ id: familyId, title: `${o.prefix} family`, version: "1", description: "synthetic" })
    .onConflictDoNothing();
  const models: { id: string; visibility: "public" | "private"; task: string }[] = [];
  for (let t = 0; t < o.tasks; t++) {
    const [task] = await db
      .insert(taskInstances)
      .values({
        slug: `${o.prefix}-task-${t + 1}`,
        familyId,
        title: `${o.prefix} task ${t + 1}`,
        description: "A synthetic task for tests and load tests.",
        config: { synthetic: true },
        status: "published",
      })
      .returning();
    for (const visibility of ["private", "public"] as const) {
      const sha = createHash("sha256").update(`${task!.id}-${visibility}`).digest("hex");
      const [model] = await db
        .insert(lockedModels)
        .values({
          taskInstanceId: task!.id,
          name: `${visibility}-1`,
          visibility,
          status: "published",
          lockReport: { acceptance: { accepted: true, reasons: [] } },
          checkpointSha256: sha,
          passwordCommitment: visibility === "private" ? sha.split("").reverse().join("") : null,
        })
        .returning();
      models.push({ id: model!.id, visibility, task: task!.slug });
    }
  }
  const runRows: (typeof runs.$inferInsert)[] = [];
  const resultRows: (typeof results.$inferInsert)[] = [];
  const submissionIds: string[] = [];
  for (let m = 0; m < o.methods; m++) {
    const skill = random();
    const [sub] = await db
      .insert(submissions)
      .values({
        name: `${o.prefix}-method-${m + 1}`,
        description: "Synthetic method",
        track,
        source: "export default {}",
        bundle: "export default {}",
        bundleSha256: createHash("sha256").update(`${o.prefix}-${m}`).digest("hex"),
        status: "completed",
        builtin: m === 0,
        authorId: o.authorId ?? null,
      })
      .returning();
    submissionIds.push(sub!.id);
    for (const model of models) {
      for (const budget of o.budgets) {
        for (let seed = 0; seed < o.seeds; seed++) {
          const id = randomUUID();
          const base = 1 - Math.exp(-skill * Math.log2(budget + 1) * 0.4);
          const recovery = Math.max(-0.1, Math.min(1.1, base + (random() - 0.5) * 0.1));
          runRows.push({
            id,
            submissionId: sub!.id,
            lockedModelId: model.id,
            budget,
            seed,
            status: "succeeded",
            finishedAt: new Date(),
          });
          resultRows.push({ runId: id, correctness: 0.2 + 0.6 * recovery, recovery });
        }
      }
    }
  }
  await chunked(runRows, 1000, (c) => db.insert(runs).values(c));
  await chunked(resultRows, 1000, (c) => db.insert(results).values(c));
  return { submissionIds, tasks: [...new Set(models.map((m) => m.task))], models };
}
