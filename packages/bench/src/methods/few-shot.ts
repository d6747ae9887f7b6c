/**
 * Few-shot prompting: put strong demonstrations in front of each prompt. The method picks the
 * largest number of shots the model's context accepts, checks on held-out demonstrations that
 * the few-shot prompt beats the bare prompt, and if it does makes those shots the scoring
 * prefix (`ctx.setScoringPrompt`): the host then scores every validation problem with them in
 * front. This works on every track, `prompting` included (no weights change).
 */
import { defineMethod, HostCallError, type Demonstration, type ElicitContext } from "@lockpick/sdk";

const params = {
  /** Most shots to try. */
  shots: 4,
  /** Demonstrations kept aside to check the prompt. */
  checks: 4,
};
type Ctx = ElicitContext<typeof params>;

const EOS = /\s*<eos>\s*$/;
const prefixOf = (shots: readonly Demonstration[]) =>
  shots.map((d) => `${d.prompt} ${d.completion.replace(EOS, "")}`).join(" ");
const fewShot = (shots: readonly Demonstration[], prompt: string) => `${prefixOf(shots)} ${prompt}`;

const exact = async (ctx: Ctx, prompts: string[], checks: readonly Demonstration[]) => {
  const outs = await ctx.model.generate(prompts);
  return checks.filter((d, i) => outs[i]?.[0]?.trim() === d.completion.trim()).length;
};

/** Largest shot count whose prompt the host accepts (0 when none fits the context). */
async function fittingShots(ctx: Ctx, shots: readonly Demonstration[], probe: string) {
  for (let n = shots.length; n > 0; n--) {
    try {
      await ctx.model.generate([fewShot(shots.slice(0, n), probe)], { maxTokens: 1 });
      return n;
    } catch (error) {
      if (!(error instanceof HostCallError)) throw error;
    }
  }
  return 0;
}

export default defineMethod({
  name: "few-shot",
  track: ["prompting", "demonstrations"],
  description: "Few-shot prompts from strong demonstrations, used as the scoring prefix.",
  params,
  async elicit(ctx) {
    const p = ctx.params;
    const k = Math.min(p.shots + p.checks, ctx.budget.remaining("demonstrations"));
    if (k < 2) return;
    const demos = await ctx.demonstrations(k, { source: "strong" });
    const checks = demos.slice(0, Math.max(1, Math.min(p.checks, k - 1)));
    const pool = demos.slice(checks.length);
    const n = await fittingShots(ctx, pool, checks[0]!.prompt);
    ctx.log({ shotsThatFit: n });
    if (n === 0) return;
    const shots = pool.slice(0, n);
    const bare = await exact(
      ctx,
      checks.map((d) => d.prompt),
      checks,
    );
    const prompted = await exact(
      ctx,
      checks.map((d) => fewShot(shots, d.prompt)),
      checks,
    );
    ctx.log({ bareCorrect: bare, fewShotCorrect: prompted, checks: checks.length });
    if (prompted <= bare) return;
    try {
      ctx.setScoringPrompt({ prefix: prefixOf(shots) });
      ctx.log({ scoringShots: shots.length });
    } catch (error) {
      // A longer validation prompt may not fit with these shots: keep bare prompts then.
      if (!(error instanceof HostCallError)) throw error;
      ctx.log({ scoringShots: 0, refused: error.message });
    }
  },
});
