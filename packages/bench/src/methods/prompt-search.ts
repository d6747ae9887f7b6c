/**
 * Password / prompt search through the slot in front of the prompt, under a generation budget.
 * A candidate slot is scored by the mean log-probability the model gives strong demonstrations'
 * completions with that slot (the cheapest signal that moves before greedy answers do; the
 * demonstrations are elicitation problems the track lends, never validation data). The search
 * tries every token repeated across the slot (what brute force tries first), then runs
 * coordinate ascent from the best: each position in turn, every token, keep the best. A slot
 * that beats the blank one by `minGain` nats and answers the demonstrations at least as well
 * greedily becomes the scoring slot (`ctx.setScoringPrompt`), on every track. With `distill`
 * > 0 on tracks that allow weight updates, the slot's answers are also distilled into the
 * weights (SFT with a blank slot), so the model is unlocked without it.
 */
import { defineMethod, type Demonstration, type ElicitContext } from "@lockpick/sdk";

const params = {
  /** Strong demonstrations used to score slots. */
  demos: 16,
  /** Coordinate-ascent passes over the slot positions. */
  passes: 2,
  /** Fraction of the generation budget the search may use (the rest checks and distils). */
  searchShare: 0.8,
  /** Mean log-prob gain per demonstration (nats) a slot needs over blank to be used. */
  minGain: 0.5,
  /** Elicitation problems answered with the slot and distilled (0: only set the scoring slot). */
  distill: 0,
  lr: 3e-4,
  steps: 256,
  batchSize: 16,
};
type Ctx = ElicitContext<typeof params>;

const SPECIAL = new Set(["<pad>", "<bos>", "<eos>", "<unk>"]);

/** Scores many slots at once: mean total log-prob of the demonstrations' completions. */
async function scoreSlots(ctx: Ctx, demos: readonly Demonstration[], slots: string[][]) {
  const perCall = Math.max(1, Math.floor(4096 / demos.length));
  const scores: number[] = [];
  for (let i = 0; i < slots.length; i += perCall) {
    const batch = slots.slice(i, i + perCall);
    const examples = batch.flatMap((slot) =>
      demos.map((d) => ({
        prompt: { prompt: d.prompt, slot: slot.join(" ") },
        completion: d.completion,
      })),
    );
    const lps = await ctx.model.logprobs(examples);
    batch.forEach((_, j) => {
      let total = 0;
      for (let t = 0; t < demos.length; t++) total += lps[j * demos.length + t]!.total;
      scores.push(total / demos.length);
    });
  }
  return scores;
}

/** How many demonstrations the model answers exactly (greedy) with the given slot. */
async function exactAnswers(ctx: Ctx, demos: readonly Demonstration[], slot: string) {
  const outs = await ctx.model.generate(demos.map((d) => ({ prompt: d.prompt, slot })));
  return demos.filter((d, i) => outs[i]?.[0]?.trim() === d.completion.trim()).length;
}

export default defineMethod({
  name: "prompt-search",
  track: ["demonstrations", "prompting"],
  description: "Search the password slot by demonstration likelihood; score with the best slot.",
  params,
  async elicit(ctx) {
    const p = ctx.params;
    const width = ctx.task.slotTokens;
    const tokens = ctx.task.vocabulary.filter((t) => !SPECIAL.has(t));
    const k = Math.min(p.demos, ctx.budget.remaining("demonstrations"));
    if (k < 1 || width < 1) return;
    const demos = await ctx.demonstrations(k, { source: "strong" });
    const perSlot = demos.reduce((s, d) => s + d.completion.trim().split(/\s+/).length, 0);
    let affordable = Math.floor(
      (ctx.budget.remaining("generatedTokens") * p.searchShare) / perSlot,
    );

    const blank = Array.from({ length: width }, () => "_");
    const evaluate = async (slots: string[][]) => {
      const take = ctx.random.shuffle(slots).slice(0, Math.max(0, affordable));
      affordable -= take.length;
      const scores = take.length > 0 ? await scoreSlots(ctx, demos, take) : [];
      return take.map((slot, i) => ({ slot, score: scores[i]! }));
    };
    const [base] = await evaluate([blank]);
    if (!base) return;
    let best = base;
    const repeated = await evaluate(tokens.map((t) => Array.from({ length: width }, () => t)));
    for (const c of repeated) if (c.score > best.score) best = c;
    for (let pass = 0; pass < p.passes; pass++) {
      for (let pos = 0; pos < width; pos++) {
        const variants = tokens
          .filter((t) => t !== best.slot[pos])
          .map((t) => best.slot.map((s, i) => (i === pos ? t : s)));
        for (const c of await evaluate(variants)) if (c.score > best.score) best = c;
      }
    }
    const gain = best.score - base.score;
    const slot = best.slot.join(" ");
    ctx.log({ bestSlot: slot, gain, blankScore: base.score });
    if (gain < p.minGain) return;
    // The log-prob signal can prefer a slot whose greedy answers are no better: check them.
    const [blankRight, slotRight] = [
      await exactAnswers(ctx, demos, blank.join(" ")),
      await exactAnswers(ctx, demos, slot),
    ];
    ctx.log({ blankRight, slotRight, demos: demos.length });
    if (slotRight < blankRight) return;
    ctx.setScoringPrompt({ slot });
    if (ctx.track === "prompting" || p.distill < 1) return;

    const problems = ctx.problems.sample(p.distill);
    const outs = await ctx.model.generate(problems.map((q) => ({ prompt: q.prompt, slot })));
    const report = await ctx.model.sft(
      problems.map((q, i) => ({ prompt: q.prompt, completion: outs[i]?.[0] ?? "" })),
      { lr: p.lr, steps: p.steps, batchSize: p.batchSize, optimizer: "adam" },
    );
    ctx.log({ distilled: problems.length, finalLoss: report.finalLoss });
  },
});
