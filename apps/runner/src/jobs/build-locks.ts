import { z } from "zod";
import { defineJob } from "../queue/define-job";

/**
 * The named lock recipes of `@lockpick/bench/lock` a build can use (kept here so processes that
 * only enqueue, like the web, need not load the locking pipeline; a test checks the two agree).
 */
export const LOCK_RECIPES = [
  "ft-default",
  "ft-1540",
  "ft-short",
  "ft-audited",
  "ft-long",
  "scratch",
  "scratch-long",
  "single-token",
  "tiny",
] as const;
export const lockRecipeName = z.enum(LOCK_RECIPES);
export type LockRecipeName = z.infer<typeof lockRecipeName>;

// `recipe` absent: the runner's LOCKPICK_LOCK_RECIPE (default ft-default).
const payload = z.object({ taskInstanceId: z.uuid(), recipe: lockRecipeName.optional() });

/** Trains the locked models of a task instance and stores them for review. */
export const buildLocksJob = defineJob({
  name: "build-locks",
  payload,
  heavy: true,
  // The pipeline resumes from its stage store, so a retry after a crash continues the build.
  retryLimit: 3,
  expireInSeconds: ({ buildTimeout }) => buildTimeout + 600,
});

export type BuildLocksJob = z.infer<typeof payload>;
