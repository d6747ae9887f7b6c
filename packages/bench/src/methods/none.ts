/**
 * The "do nothing" baseline: the locked model is scored as shipped. Its recovery measures the
 * scoring's own noise (it should sit within a few points of 0 on every track).
 */
import { defineMethod } from "@lockpick/sdk";

export default defineMethod({
  name: "none",
  track: ["demonstrations", "rewards", "weak-demonstrations", "prompting"],
  description: "Does nothing: the locked model is scored as it is.",
  elicit(ctx) {
    ctx.log({ note: "baseline: no host calls" });
  },
});
