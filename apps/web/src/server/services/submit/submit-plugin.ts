// The submit flow: rate limit, size limit, server-side bundle + type-check (errors at their
// line), daily quota, a dry run on a runner (the real sandbox, a small model, seconds), then
// store the submission (with the dry run it passed and the bundle's source map) and hand it to
// the runner's `evaluate-submission` job, which expands it into runs. Nothing is stored before
// the dry run passes, so a failed one costs no quota.
import { createSubmission, setSubmissionStatus } from "@lockpick/db/queries";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { SessionUser } from "~/auth/roles";
import { env } from "~/env";
import type { Db } from "~/server/db";
import { dryRun, enqueue, type DryRunOutcome } from "~/server/queue";
import { dryRunConfigNote, dryRunRecord } from "./dry-run-record";
import { checkPlugin, type Diagnostic } from "./plugin-check";
import { countedSubmissionsToday, takeRateLimit } from "./quota";

export const TRACKS = ["demonstrations", "rewards", "weak-demonstrations", "prompting"] as const;

export const submitInput = z.object({
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(4000).default(""),
  track: z.enum(TRACKS),
  visibility: z.enum(["public", "private"]),
  source: z.string().min(1),
});
export type SubmitInput = z.infer<typeof submitInput>;

export class SubmitRefusal extends Error {
  constructor(
    readonly code: "TOO_MANY_REQUESTS" | "PAYLOAD_TOO_LARGE" | "FORBIDDEN",
    message: string,
  ) {
    super(message);
  }
}

/** A dry run that refused the plugin, or gave no verdict (`infra`), as the author sees it. */
export type DryRunFailure = Extract<DryRunOutcome, { ok: false }> & {
  /** The lock's task config where it is not the task's default ("lines 1"), else "". */
  configNote?: string;
};

export type SubmitOutcome =
  | { ok: true; id: string }
  | { ok: false; diagnostics: Diagnostic[] }
  | { ok: false; dryRun: DryRunFailure };

function checkSize(source: string) {
  const bytes = Buffer.byteLength(source, "utf8");
  if (bytes > env.PLUGIN_MAX_BYTES) {
    throw new SubmitRefusal(
      "PAYLOAD_TOO_LARGE",
      `The plugin is ${bytes} bytes; the limit is ${env.PLUGIN_MAX_BYTES}.`,
    );
  }
}

async function limited(db: Db, user: SessionUser) {
  if (!(await takeRateLimit(db, user.id, env.SUBMIT_RATE_PER_MINUTE))) {
    throw new SubmitRefusal("TOO_MANY_REQUESTS", "Too many attempts; wait a minute.");
  }
}

async function checkQuota(db: Db, user: SessionUser) {
  if ((await countedSubmissionsToday(db, user.id)) >= env.SUBMIT_DAILY_QUOTA) {
    throw new SubmitRefusal(
      "TOO_MANY_REQUESTS",
      `Daily quota reached (${env.SUBMIT_DAILY_QUOTA} per day; cancelled runs, failed dry runs and infrastructure failures do not count).`,
    );
  }
}

/** Bundles and type-checks without storing anything (the "Check" button). */
export async function checkOnly(db: Db, user: SessionUser, source: string) {
  checkSize(source);
  await limited(db, user);
  const result = await checkPlugin(source);
  return result.ok ? { ok: true as const, bundleSha256: result.bundleSha256 } : result;
}

export async function submitPlugin(
  db: Db,
  user: SessionUser,
  input: SubmitInput,
): Promise<SubmitOutcome> {
  checkSize(input.source);
  await limited(db, user);
  const checked = await checkPlugin(input.source);
  if (!checked.ok) return checked;
  // Before the dry run too, so an author over quota does not wait for one.
  await checkQuota(db, user);
  const verdict = await dryRun(
    {
      track: input.track,
      bundle: checked.bundle,
      bundleSha256: checked.bundleSha256,
      // The runner maps the error's stack to the author's source with it.
      ...(checked.bundleSourceMap && { sourceMap: checked.bundleSourceMap }),
      params: {},
    },
    env.SUBMIT_DRY_RUN_TIMEOUT_SECONDS * 1000,
  ).catch((error: Error): DryRunFailure => ({ ok: false, kind: "infra", reason: error.message }));
  if (!verdict.ok) {
    const model = verdict.kind === "infra" ? undefined : verdict.model;
    return { ok: false, dryRun: { ...verdict, configNote: dryRunConfigNote(model) } };
  }
  const id = await db.transaction(async (tx) => {
    // One submitter at a time per user, so two concurrent requests cannot both take the last slot.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`submit:${user.id}`}))`);
    await checkQuota(tx as unknown as Db, user);
    const row = await createSubmission(tx as unknown as Db, {
      authorId: user.id,
      name: input.name,
      description: input.description,
      track: input.track,
      visibility: input.visibility,
      source: input.source,
      bundle: checked.bundle,
      bundleSha256: checked.bundleSha256,
      bundleSourceMap: checked.bundleSourceMap ?? null,
      dryRun: dryRunRecord(verdict),
      status: "pending",
      params: {},
    });
    return row.id;
  });
  try {
    await enqueue("evaluate-submission", { submissionId: id });
  } catch (error) {
    // An infrastructure failure: recorded on the submission, and not counted against the quota.
    await setSubmissionStatus(
      db,
      id,
      "failed",
      `Could not queue the evaluation: ${(error as Error).message}`,
    );
  }
  return { ok: true, id };
}
