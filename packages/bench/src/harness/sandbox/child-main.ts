// Entry of the sandbox child process (spawned with an empty environment but PATH). It builds
// the model host, runs the plugin in an isolate under the budget, scores the model unless the
// run failed, and sends one result message. Nothing secret is ever sent here: the request holds
// the plugin bundle, a public checkpoint reference and limits; the password is never in it.
import type { ParamValue } from "@lockpick/sdk";
import { BudgetMeter } from "../budget-meter";
import { visibleEnvNames } from "../env";
import { HostApi } from "../host-api";
import { Ledger, ledgerGenesis } from "../ledger";
import type { HostFactory, ModelHost } from "../model-host";
import { summarizeEvaluation } from "../score";
import type { ChildMessage, ParentMessage, SandboxRequest, SandboxResult } from "./protocol";
import { loadIsolate, PluginLoadError, type IsolateRun, type MethodInfo } from "./run-isolate";

const send = (message: ChildMessage) =>
  new Promise<void>((resolve) => process.send!(message, undefined, {}, () => resolve()));

/** Method defaults with the run's overrides; an override must name a param and keep its type. */
function resolveParams(
  defaults: Record<string, ParamValue>,
  overrides: Record<string, ParamValue>,
): Record<string, ParamValue> {
  for (const [key, value] of Object.entries(overrides)) {
    if (!Object.hasOwn(defaults, key)) throw new PluginLoadError(`unknown param "${key}"`);
    if (typeof value !== typeof defaults[key]) {
      throw new PluginLoadError(`param "${key}" must be a ${typeof defaults[key]}`);
    }
  }
  return { ...defaults, ...overrides };
}

async function run(request: SandboxRequest): Promise<SandboxResult> {
  const t0 = Date.now();
  const meter = new BudgetMeter(request.limits);
  let ledger = new Ledger(ledgerGenesis(`${request.bundle.sha256}:${request.seed}`));
  let host: ModelHost | null = null;
  let isolate: IsolateRun | null = null;
  let method: MethodInfo | null = null;
  let params: Record<string, ParamValue> = {};
  let api: HostApi | null = null;
  const durations = { loadMs: 0, elicitMs: 0, evaluateMs: 0, probeMs: 0, totalMs: 0 };
  let elicitStartMs = 0;
  const result = (
    status: SandboxResult["status"],
    error: string | undefined,
    evaluation: SandboxResult["evaluation"] = null,
  ): SandboxResult => ({
    status,
    ...(error === undefined ? {} : { error }),
    method,
    params,
    hostInfo: host?.info ?? null,
    limits: request.limits,
    spent: api ? meter.spent() : null,
    ledger: { genesis: ledger.genesis, entries: ledger.entries },
    logs: api?.logs ?? [],
    evaluation,
    scoring: api?.scoring ?? null,
    probes: api?.probes ?? [],
    elicitStartMs,
    durations: { ...durations, probeMs: api?.probeMs ?? 0, totalMs: Date.now() - t0 },
    sandbox: { cpuMs: isolate?.cpuMs() ?? 0, envNames: visibleEnvNames(), killed: false },
  });

  try {
    await send({ type: "phase", phase: "loading" });
    const factory = (await import(request.host.module)) as { createHost: HostFactory };
    host = await factory.createHost(request.host.options, request.seed);
    ledger = new Ledger(
      ledgerGenesis(
        `${request.bundle.sha256}:${host.info.checkpointSha256}:${request.track}:${request.seed}`,
      ),
    );
    api = new HostApi(host, meter, ledger, request.track, request.seed, request.probe ?? null);
    const init = {
      seed: request.seed,
      track: request.track,
      task: host.task,
      budget: api.budgetView(),
    };
    isolate = await loadIsolate(request.prelude, request.bundle.code, api, init, request.isolate);
    method = await isolate.describe();
    if (!method.tracks.includes(request.track)) {
      throw new PluginLoadError(
        `method "${method.name}" does not compete on track ${request.track}`,
      );
    }
    params = resolveParams(method.params, request.params);
  } catch (error) {
    durations.loadMs = Date.now() - t0;
    isolate?.dispose();
    const message = error instanceof Error ? error.message : String(error);
    return result(
      "failed",
      error instanceof PluginLoadError ? message : `host failed to load: ${message}`,
    );
  }
  durations.loadMs = Date.now() - t0;

  await api.probe("start", true); // the curve's first point, before the clock starts
  await send({ type: "phase", phase: "eliciting", wallClockMs: request.limits.wallClockMs });
  const t1 = Date.now();
  meter.start();
  elicitStartMs = api.now();
  const outcome = await isolate.elicit(params, () => meter.deadline());
  meter.stop();
  const elicitEndMs = api.now();
  api.end();
  isolate.dispose();
  await api.drain();
  durations.elicitMs = Date.now() - t1;

  let status: SandboxResult["status"];
  let error: string | undefined;
  if (outcome.kind === "completed") status = "completed";
  else if (outcome.kind === "wall-clock") {
    status = "budget-exhausted";
    error = `wall clock of ${request.limits.wallClockMs} ms used up`;
  } else if (outcome.kind === "budget" && api.refusals.length > 0) {
    status = "budget-exhausted";
    error = outcome.message.split("\n")[0];
  } else if (outcome.kind === "budget") {
    status = "failed";
    error = `the plugin threw a BudgetExceededError no host call raised: ${outcome.message}`;
  } else {
    status = "failed";
    error = outcome.message;
  }
  if (status === "failed" || !request.evaluate) return result(status, error);

  await send({ type: "phase", phase: "evaluating" });
  const t2 = Date.now();
  const items = await host.evaluate();
  const evaluation = summarizeEvaluation(items);
  api.probeFromEvaluation(items, elicitEndMs);
  durations.evaluateMs = Date.now() - t2;
  host.dispose();
  return result(status, error, evaluation);
}

// An orphaned child (its runner died) stops at once instead of finishing a run nobody reads.
process.once("disconnect", () => process.exit(1));

process.once("message", (message: ParentMessage) => {
  run(message.request)
    .then((result) => send({ type: "result", result }))
    .catch((error: unknown) => {
      process.stderr.write(
        `sandbox child: ${error instanceof Error ? error.stack : String(error)}\n`,
      );
      process.exitCode = 1;
    })
    .finally(() => {
      process.removeAllListeners("disconnect");
      process.disconnect?.();
    });
});
