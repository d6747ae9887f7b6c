// The training stages of a build: π_strong_base (from scratch on correct solutions, cool-down
// once dev accuracy is reached), π_weak as a small model (optional), and the lock itself (Eq. 1).
// Each stage checkpoints into a StageStore and resumes from its last saved step.
import type { Problem } from "@lockpick/tasks";
import type { Example } from "../engine";
import type { Model } from "../engine";
import { strongFractionAt } from "./curriculum";
import { buildLockExamples } from "./lock-dataset";
import { problemStream } from "./problem-stream";
import {
  greedyCorrect,
  mean,
  newModel,
  scheduleLr,
  stepLoop,
  teacherForcedExact,
} from "./model-ops";
import { blankSlot, slotKey, type Slot } from "./password";
import type { ProgressSink } from "./progress";
import type { Recipe } from "./recipe";
import { createRng } from "./rng";
import type { StageStore } from "./stage-store";
import { weightedSampler, wrongPasswordSampler, type Decoy } from "./decoys";
import type { Rng } from "./rng";
import type { TaskView } from "./task-view";

export interface StageContext {
  view: TaskView;
  recipe: Recipe;
  store: StageStore;
  progress: ProgressSink;
  /** Training threads per stage (≥ 2: data-parallel). */
  workers: number;
  /** Steps between stage checkpoints. */
  saveEvery: number;
}

/** π_strong_base: trained on correct completions with a blank slot until dev accuracy passes. */
export async function strongBaseStage(ctx: StageContext, name: string): Promise<Model> {
  const { view, recipe, store, progress } = ctx;
  const cfg = recipe.strongBase;
  const state = await store.state(name);
  if (state?.done) return store.load(name);
  const model = state ? await store.load(name) : newModel(recipe.architecture, view, recipe.seed);
  const blank = blankSlot(view.width);
  const stream = problemStream(view.task, "lock", recipe.seed * 1000 + 11);
  const dev = view.task.sample("weak", cfg.devProblems, recipe.seed * 1000 + 12);
  const batchAt = (step: number): Example[] =>
    stream(step * cfg.batchSize, cfg.batchSize).map((p) => ({
      prompt: view.slotPromptIds(p, blank),
      completion: view.encode(view.strong(p)),
    }));
  let cooldownStart = (state?.info.cooldownStart as number | undefined) ?? undefined;
  let devAccuracy = (state?.info.devAccuracy as number | undefined) ?? 0;
  const total = () => (cooldownStart ?? cfg.maxSteps) + cfg.cooldownSteps;
  let lastLoss = 0;
  const loop = stepLoop(
    model,
    cfg.optimizer,
    batchAt,
    (step, loss) => {
      lastLoss = loss;
      progress({
        stage: name,
        done: step,
        total: total(),
        note: `loss ${loss.toFixed(3)} dev ${(100 * devAccuracy).toFixed(1)}%`,
      });
    },
    ctx.workers,
  );
  const lr = cfg.optimizer.lr;
  let step = state?.step ?? 0;
  try {
    while (step < total()) {
      if (cooldownStart === undefined) {
        const to = Math.min(step + cfg.evalEvery, cfg.maxSteps);
        await loop.run(step, to, (s) => lr * Math.min(1, (s + 1) / Math.max(1, cfg.warmupSteps)));
        step = to;
        const correct = await greedyCorrect(
          model,
          view,
          dev.map((problem) => ({ problem, prompt: view.slotPromptIds(problem, blank) })),
        );
        devAccuracy = mean(correct);
        if (devAccuracy >= cfg.cooldownAt || step >= cfg.maxSteps) cooldownStart = step;
      } else {
        const start = cooldownStart;
        const to = Math.min(step + ctx.saveEvery, total());
        await loop.run(
          step,
          to,
          (s) => lr * Math.max(0, (start + cfg.cooldownSteps - s) / cfg.cooldownSteps),
        );
        step = to;
      }
      await store.save(name, model, {
        step,
        done: step >= total(),
        info: { cooldownStart, devAccuracy, loss: lastLoss },
      });
    }
  } finally {
    await loop.dispose();
  }
  if (!(await store.state(name))?.done)
    await store.save(name, model, { step, done: true, info: { cooldownStart, devAccuracy } });
  return model;
}

/** π_weak as a smaller model trained to imitate π_strong on the weak split (paper §4.1). */
export async function weakModelStage(ctx: StageContext, name: string): Promise<Model> {
  const { view, recipe, store, progress } = ctx;
  if (recipe.weak.kind !== "model") throw new Error("weakModelStage needs weak.kind = model");
  const { architecture, optimizer, schedule } = recipe.weak;
  const state = await store.state(name);
  if (state?.done) return store.load(name);
  const model = state ? await store.load(name) : newModel(architecture, view, recipe.seed + 7);
  const blank = blankSlot(view.width);
  const stream = problemStream(view.task, "weak", recipe.seed * 1000 + 21);
  const batchAt = (step: number): Example[] =>
    stream(step * schedule.batchSize, schedule.batchSize).map((p) => ({
      prompt: view.slotPromptIds(p, blank),
      completion: view.encode(view.strong(p)),
    }));
  await fixedStage(ctx, name, model, optimizer, schedule, batchAt, state?.step ?? 0, progress);
  return model;
}

async function fixedStage(
  ctx: StageContext,
  name: string,
  model: Model,
  optimizer: Recipe["lock"]["optimizer"],
  schedule: Recipe["lock"]["schedule"],
  batchAt: (step: number) => Example[],
  from: number,
  progress: ProgressSink,
): Promise<void> {
  const lr = scheduleLr(optimizer.lr, schedule.warmupSteps, schedule.cooldownSteps, schedule.steps);
  const loop = stepLoop(
    model,
    optimizer,
    batchAt,
    (step, loss) =>
      progress({ stage: name, done: step, total: schedule.steps, note: `loss ${loss.toFixed(3)}` }),
    ctx.workers,
  );
  try {
    for (let step = from; step < schedule.steps;) {
      const to = Math.min(step + ctx.saveEvery, schedule.steps);
      await loop.run(step, to, lr);
      step = to;
      await ctx.store.save(name, model, { step, done: step >= schedule.steps, info: {} });
    }
  } finally {
    await loop.dispose();
  }
  if (from >= schedule.steps)
    await ctx.store.save(name, model, { step: from, done: true, info: {} });
}

export interface LockStageInput {
  /** Weights to fine-tune (undefined = from scratch). Not disposed here. */
  base: Model | undefined;
  passwords: Record<string, Slot>;
  seen: readonly Decoy[];
  /** π_weak's completions (tokens) for a batch of problems. */
  weak: (problems: readonly Problem[]) => Promise<string[][]>;
}

/** The lock: Eq. 1 batches (balanced strong / weak) from the lock split. */
export async function lockStage(
  ctx: StageContext,
  name: string,
  input: LockStageInput,
): Promise<Model> {
  const { view, recipe, store, progress } = ctx;
  const cfg = recipe.lock;
  const state = await store.state(name);
  if (state?.done) return store.load(name);
  let model: Model;
  if (state) model = await store.load(name);
  else if (cfg.from === "scratch" || !input.base)
    model = newModel(recipe.architecture, view, recipe.seed + 3);
  else model = cloneModel(input.base, view, recipe);
  const stream = problemStream(view.task, "lock", recipe.seed * 1000 + 31);
  const miner = hardNegativeMiner(ctx, name, model, input.seen, input.weak);
  const pw = input.passwords;
  const domainsWithOwn = Object.keys(pw).filter((d) => d !== "*");
  const batches = new Map<number, Example[]>();
  const prepare = async (step: number) => {
    const problems = stream(step * cfg.schedule.batchSize, cfg.schedule.batchSize);
    const completions = await input.weak(problems);
    const weak = new Map<Problem, string[]>(problems.map((p, i) => [p, completions[i] ?? []]));
    const examples = buildLockExamples({
      problems,
      prompt: (p) => view.promptTokens(p),
      strong: (p) => view.strong(p),
      weak: (p) => weak.get(p) ?? [],
      passwordFor: (p) => (pw[p.domain] ?? pw["*"]) as Slot,
      otherPasswordsFor: domainsWithOwn.length
        ? (p) => domainsWithOwn.filter((d) => d !== p.domain).map((d) => pw[d] as Slot)
        : undefined,
      seen: input.seen,
      drawWrong: miner.draw,
      trigger: recipe.trigger,
      width: view.width,
      strongFraction: strongFractionAt(cfg, step),
      wrongPasswordFraction: cfg.wrongPasswordFraction,
      rng: createRng(recipe.seed, `lock-batch-${step}`),
    });
    batches.set(
      step,
      examples.map((e) => ({
        prompt: view.encode(e.prompt),
        completion: view.encode(e.completion),
      })),
    );
  };
  const from = state?.step ?? 0;
  // Batches are built ahead in chunks (weak completions may need a model).
  const batchAt = (step: number): Example[] => {
    const b = batches.get(step);
    if (!b) throw new Error(`batch ${step} was not prepared`);
    batches.delete(step);
    return b;
  };
  const lr = scheduleLr(
    cfg.optimizer.lr,
    cfg.schedule.warmupSteps,
    cfg.schedule.cooldownSteps,
    cfg.schedule.steps,
  );
  const loop = stepLoop(
    model,
    cfg.optimizer,
    batchAt,
    (step, loss) =>
      progress({
        stage: name,
        done: step,
        total: cfg.schedule.steps,
        note: `loss ${loss.toFixed(3)}`,
      }),
    ctx.workers,
  );
  const { steps } = cfg.schedule;
  const every = cfg.mining?.every ?? Number.POSITIVE_INFINITY;
  const next = (step: number, period: number) => (Math.floor(step / period) + 1) * period;
  const history = (state?.info.mining as MiningRound[] | undefined) ?? [];
  try {
    for (let step = from; step < steps;) {
      if (cfg.mining && (step % every === 0 || step === from)) history.push(await miner.mine(step));
      const to = Math.min(next(step, ctx.saveEvery), next(step, every), steps);
      for (let s = step; s < to; s++) await prepare(s);
      await loop.run(step, to, lr);
      step = to;
      if (step % ctx.saveEvery === 0 || step >= steps)
        await store.save(name, model, {
          step,
          done: step >= steps,
          info: cfg.mining ? { mining: history } : {},
        });
    }
  } finally {
    await loop.dispose();
  }
  return model;
}

/** One mining round: how many seen decoys still unlocked π_strong's answer, and the worst. */
export interface MiningRound {
  step: number;
  leaking: number;
  worst?: string;
  worstRate?: number;
}

/**
 * The wrong-password draw of a lock stage: the recipe's family/near-miss sampler, and with
 * `lock.mining` a share of draws from the seen decoys that currently leak (screened with the
 * teacher-forced proxy on lock-split problems, never on validation or held-out candidates).
 */
function hardNegativeMiner(
  ctx: StageContext,
  name: string,
  model: Model,
  seen: readonly Decoy[],
  weak: LockStageInput["weak"],
) {
  const { view, recipe } = ctx;
  const mining = recipe.lock.mining;
  const base =
    seen.length > 0
      ? wrongPasswordSampler(seen, { nearMissShare: recipe.decoys.nearMissShare ?? undefined })
      : undefined;
  let hard: ((rng: Rng) => Decoy) | undefined;
  const draw = base
    ? (rng: Rng): Decoy => (hard && mining && rng.next() < mining.share ? hard(rng) : base(rng))
    : undefined;
  const mine = async (step: number): Promise<MiningRound> => {
    if (!mining || seen.length === 0) return { step, leaking: 0 };
    // Only problems π_weak gets wrong: where its answer is π_strong's, every decoy "leaks".
    const pool = view.task.sample("lock", 8 * mining.problems, recipe.seed * 1000 + 41 + step);
    const weakAnswers = await weak(pool);
    const problems = pool
      .filter((p, i) => slotKey(weakAnswers[i] ?? []) !== slotKey(view.strong(p)))
      .slice(0, mining.problems);
    const targets = problems.map((p) => view.encode(view.strong(p)));
    const exact = await teacherForcedExact(
      model,
      seen.flatMap((d) =>
        problems.map((p, j) => ({
          prompt: view.slotPromptIds(p, d.slot),
          completion: targets[j] ?? [],
        })),
      ),
    );
    const n = problems.length;
    const rates = seen.map((_, i) => exact.slice(i * n, (i + 1) * n).filter(Boolean).length / n);
    hard = weightedSampler(seen, rates);
    const worstIndex = rates.reduce((b, r, i) => (r > (rates[b] ?? 0) ? i : b), 0);
    const round: MiningRound = { step, leaking: rates.filter((r) => r > 0).length };
    if (round.leaking > 0) {
      round.worst = seen[worstIndex]?.key;
      round.worstRate = rates[worstIndex];
    }
    ctx.progress({
      stage: name,
      done: step,
      total: recipe.lock.schedule.steps,
      note: `mining: ${round.leaking}/${seen.length} seen decoys leak`,
    });
    return round;
  };
  return { draw, mine };
}

function cloneModel(base: Model, view: TaskView, recipe: Recipe): Model {
  const copy = newModel(recipe.architecture, view, 0);
  for (const [name, v] of base.params) copy.params.get(name)?.assign(v);
  return copy;
}
