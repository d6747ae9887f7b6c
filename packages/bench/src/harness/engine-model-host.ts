// The engine-backed ModelHost: the host side of `ctx.model`, `ctx.demonstrations` and
// `ctx.reward` over a locked checkpoint. It runs in the sandbox child. The plugin supplies
// prompt text (and, for prompt search, slot text); this host builds every model input itself
// in the lock's layout — slot, prompt, slot — with a blank slot unless the plugin filled it.
// The password is never loaded here: the ceiling comes from the lock report. A lock whose π_weak
// is a model ships it (`extra.lock.weak`); its greedy completions are the "weak" demonstrations,
// and it is never reachable otherwise (no generate, logprobs or training on it).
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { DemoSource, Logprobs, Reward, TaskInfo } from "@lockpick/sdk";
import { createTask, splitTokens, versionMismatch, type Problem, type Task } from "@lockpick/tasks";
import { z } from "zod";
import {
  disposeModel,
  generate,
  initBackend,
  logprobs,
  modelFromValues,
  perturb,
  restore,
  snapshot,
  train,
  trainDpo,
  type Model,
  type WeightSnapshot,
} from "../engine";
import { VALIDATION_SEED } from "../lock/audit-lock";
import { slotPrompt } from "../lock/lock-dataset";
import {
  loadModel,
  loadWeakModel,
  readLockManifest,
  readStoredReport,
  weakDir,
} from "../lock/locked-model";
import { greedyTokens } from "../lock/model-ops";
import { BLANK } from "../lock/password";
import { taskView } from "../lock/task-view";
import { runTraining } from "./engine-training";
import {
  DeadlineError,
  HostInputError,
  type EvalItem,
  type HostFactory,
  type ModelHost,
  type PromptSpec,
  type ScoringSpec,
} from "./model-host";

const optionsSchema = z
  .object({
    modelDir: z.string(),
    backend: z.enum(["tensorflow", "wasm", "cpu"]).optional(),
    /** Validation problems of the final evaluation (default: as many as the lock report used). */
    validationProblems: z.number().int().positive().optional(),
    /** Elicitation problems the plugin can reach (a fixed, seed-independent prefix of the split). */
    poolSize: z.number().int().positive().default(16_384),
  })
  .strict();

const POOL_SEED = 1;
/** Rows per engine call of generate/logprobs; the deadline is checked between them. */
const CHUNK_ROWS = 512;
const EOS = "<eos>";

export const createHost: HostFactory = async (raw, _seed) => {
  const options = optionsSchema.parse(raw);
  const dir = resolve(options.modelDir);
  const backend = await initBackend(options.backend);
  const manifest = await readLockManifest(dir);
  const task: Task = createTask(manifest.task, manifest.taskConfig);
  // Only N must agree: an X bump leaves every problem, split and score as it was.
  const mismatch = versionMismatch(manifest.task, manifest.taskVersion, task.version);
  if (mismatch) throw new Error(`model ${mismatch}`);
  const vocab = task.vocab;
  const model = await loadModel(dir, vocab.tokens);
  // π_weak as a model, when the lock ships one (weak.kind "model"); else the task's weak policy.
  const weakPath = weakDir(dir, manifest);
  const weakModel = weakPath ? await loadWeakModel(weakPath, manifest, vocab.tokens) : undefined;
  // lockpick.json pins the SHA-256 of every file of the checkpoint: its hash names the whole.
  const checkpointSha256 = createHash("sha256")
    .update(await readFile(join(dir, "lockpick.json")))
    .digest("hex");
  const width = manifest.recipe.password.width;
  const contextLength = model.config.contextLength;
  const report = await readStoredReport(dir);
  const validationProblems =
    options.validationProblems ??
    report?.validationProblems ??
    manifest.recipe.evaluation.validationProblems;

  const pool: Problem[] = [];
  for (const p of task.iterate("elicit", POOL_SEED)) {
    pool.push(p);
    if (pool.length >= options.poolSize) break;
  }
  const poolIndex = new Map(pool.map((p, i) => [p.id, i]));

  const tokensOf = (text: string, what: string) => {
    const tokens = splitTokens(text);
    for (const t of tokens) {
      if (!vocab.has(t))
        throw new HostInputError(`${what}: "${t.slice(0, 24)}" is not a ${task.id} token`);
    }
    return tokens;
  };
  const completionIds = (text: string) => {
    const tokens = tokensOf(text, "completion");
    if (tokens.at(-1) === EOS) tokens.pop();
    return tokens.map((t) => vocab.id(t));
  };
  const promptIds = (spec: PromptSpec) => {
    const prompt = tokensOf(spec.prompt, "prompt");
    const slot = spec.slot === undefined ? [] : tokensOf(spec.slot, "slot");
    if (slot.length > width)
      throw new HostInputError(`slot text has ${slot.length} tokens; the slot holds ${width}`);
    const filled = [...slot, ...Array.from({ length: width - slot.length }, () => BLANK)];
    const ids = slotPrompt(filled, prompt).map((t) => vocab.id(t));
    if (ids.length + task.maxCompletionTokens > contextLength) {
      throw new HostInputError(`prompt of ${prompt.length} tokens does not fit the context`);
    }
    return ids;
  };
  const decode = (tokens: readonly number[], stopped: boolean) =>
    [vocab.decode(tokens), stopped ? EOS : ""].filter(Boolean).join(" ");

  const special = { padId: vocab.padId, eosId: vocab.eosId };
  let initial: Model | undefined;
  const snapshots = new Map<string, WeightSnapshot>();
  const policyOf = (source: DemoSource) => {
    const policy = task.policies[source];
    if (!policy) throw new HostInputError(`task ${task.id} has no ${source} policy`);
    return policy;
  };
  // The weak model's greedy completion of each elicitation problem, in the lock's layout (blank
  // slot, bare prompt: `greedyTokens`, as the build's Eq. 1 weak samples), computed once each.
  const weakView = taskView(task, width);
  const weakAnswers = new Map<number, string>();
  const demonstrate = async (indices: readonly number[], source: DemoSource) => {
    if (source !== "weak" || !weakModel) return indices.map((i) => policyOf(source)(pool[i]!));
    const todo = [...new Set(indices)].filter((i) => !weakAnswers.has(i));
    for (let k = 0; k < todo.length; k += CHUNK_ROWS) {
      const part = todo.slice(k, k + CHUNK_ROWS);
      const tokens = await greedyTokens(
        weakModel,
        weakView,
        part.map((i) => pool[i]!),
      );
      part.forEach((i, j) => weakAnswers.set(i, tokens[j]!.join(" ")));
    }
    return indices.map((i) => weakAnswers.get(i)!);
  };

  const info: TaskInfo = {
    id: manifest.task,
    family: task.id,
    version: task.version,
    description: task.description,
    domains: [...task.domains],
    vocabulary: [...vocab.tokens],
    maxCompletionTokens: task.maxCompletionTokens,
    slotTokens: width,
    elicitationSize: pool.length,
  };

  // The validation problems of the final evaluation (same seed and count as the lock report).
  let validationSet: Problem[] | undefined;
  const validation = () =>
    (validationSet ??= task.sample("validation", validationProblems, VALIDATION_SEED));
  let scoring: ScoringSpec | null = null;
  /** Greedy answers with the scoring setting (blank slot, bare prompt unless the plugin set one). */
  const scoreGreedy = async (problems: readonly Problem[]): Promise<EvalItem[]> => {
    const prefix = scoring?.prefix === undefined ? "" : `${scoring.prefix} `;
    const samples = await generate(
      model,
      problems.map((p) => promptIds({ prompt: prefix + p.prompt, slot: scoring?.slot })),
      { maxTokens: task.maxCompletionTokens, stopTokens: [vocab.eosId], batchSize: 256 },
    );
    return problems.map((p, i) => {
      const s = samples[i]![0]!;
      const { correct, score } = task.evaluate(p, decode(s.tokens, s.finish === "stop"));
      return { domain: p.domain, correct, score };
    });
  };

  const host: ModelHost = {
    task: info,
    info: {
      backend: backend.name,
      checkpointSha256,
      taskVersion: task.version,
      taskConfig: { ...task.config },
    },
    problem: (i) => task.publicView(pool[i]!),
    problemIndex: (id) => poolIndex.get(id),
    demonstrate,
    countTokens: (text) => tokensOf(text, "text").length,
    sequenceTokens: (prompt, completion) =>
      promptIds(prompt).length + completionIds(completion).length + 1,

    async generate(prompts, o, control) {
      const ids = prompts.map(promptIds);
      // In chunks, so a long call stops soon after the wall clock runs out.
      const chunk = Math.max(1, Math.floor(CHUNK_ROWS / o.n));
      const samples = [];
      for (let i = 0; i < ids.length; i += chunk) {
        if (Date.now() > control.deadline) throw new DeadlineError();
        const part = await generate(model, ids.slice(i, i + chunk), {
          maxTokens: o.maxTokens,
          temperature: o.temperature,
          topP: o.topP,
          n: o.n,
          seed: control.seed + i,
          stopTokens: [vocab.eosId],
          batchSize: 256,
        });
        samples.push(...part);
      }
      let tokens = 0;
      const completions = samples.map((row) =>
        row.map((s) => {
          tokens += s.tokens.length + (s.finish === "stop" ? 1 : 0);
          return decode(s.tokens, s.finish === "stop");
        }),
      );
      return { completions, tokens };
    },

    async logprobs(examples, control): Promise<Logprobs[]> {
      const items = examples.map((e) => ({
        prompt: promptIds(e.prompt),
        completion: tokensOf(e.completion, "completion").map((t) => vocab.id(t)),
      }));
      const out: Logprobs[] = [];
      for (let i = 0; i < items.length; i += CHUNK_ROWS) {
        if (Date.now() > control.deadline) throw new DeadlineError();
        for (const r of logprobs(model, items.slice(i, i + CHUNK_ROWS))) {
          out.push({ total: r.sum, tokens: r.tokens });
        }
        await new Promise((done) => setImmediate(done));
      }
      return out;
    },

    sft: (examples, plan, control) => {
      const items = examples.map((e) => ({
        prompt: promptIds(e.prompt),
        completion: completionIds(e.completion),
        weight: e.weight,
      }));
      return runTraining(special, plan, control, (o) => train(model, items, o));
    },

    dpo: (pairs, plan, control) => {
      const items = pairs.map((p) => ({
        prompt: promptIds(p.prompt),
        chosen: completionIds(p.chosen),
        rejected: completionIds(p.rejected),
        weight: p.weight,
      }));
      const reference =
        plan.reference === "initial"
          ? (initial ??= modelFromValues(initialSnapshot.config, initialSnapshot.values))
          : modelFromValues(model.config, snapshots.get(plan.reference)!.values);
      return runTraining(special, plan, control, (o) =>
        trainDpo(model, items, { ...o, reference, beta: plan.beta }),
      ).finally(() => {
        if (reference !== initial) disposeModel(reference);
      });
    },

    async perturb(std, seed) {
      perturb(model, { std, seed });
    },
    async snapshot() {
      const id = `snapshot-${snapshots.size + 1}`;
      snapshots.set(id, snapshot(model));
      return id;
    },
    async restore(id) {
      const snap = snapshots.get(id);
      if (!snap) throw new HostInputError(`unknown snapshot "${id}"`);
      restore(model, snap);
    },

    reward: (indices, completions): Reward[] =>
      indices.map((i, j) => {
        const { correct, score } = task.evaluate(pool[i]!, completions[j]!);
        return { correct, score };
      }),

    setScoring(spec) {
      if (spec?.prefix !== undefined) {
        const extra = tokensOf(spec.prefix, "prefix").length;
        const longest = Math.max(...validation().map((p) => splitTokens(p.prompt).length));
        const room = contextLength - task.maxCompletionTokens - 2 * width - longest;
        if (extra > room) {
          throw new HostInputError(
            `a prefix of ${extra} tokens does not fit the context (room for ${Math.max(0, room)})`,
          );
        }
      }
      scoring = spec;
    },

    evaluate: () => scoreGreedy(validation()),
    probe: (n) => scoreGreedy(validation().slice(0, n)),

    dispose() {
      disposeModel(model);
      if (weakModel) disposeModel(weakModel);
      if (initial) disposeModel(initial);
    },
  };
  // The DPO "initial" reference: the weights as the run started.
  const initialSnapshot = snapshot(model);
  return host;
};
