// Parent side of the sandbox: spawns the child with a scrubbed environment, sends the request,
// and keeps a watchdog that kills the child when a phase overruns its deadline (loading, the
// plugin's wall clock plus grace, scoring). A killed or crashed child fails only its own run.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sandboxEnv } from "../env";
import { mapPluginStack } from "../plugin-stack";
import type { ChildMessage, ParentMessage, SandboxRequest, SandboxResult } from "./protocol";

export interface WatchdogLimits {
  loadMs: number;
  /** Extra time beyond the wall-clock budget before the child is killed. */
  graceMs: number;
  evaluateMs: number;
}

export const DEFAULT_WATCHDOG: WatchdogLimits = {
  loadMs: 120_000,
  graceMs: 60_000,
  evaluateMs: 30 * 60_000,
};

const childEntry = fileURLToPath(new URL("./child-main.ts", import.meta.url));
const tsxLoader = import.meta.resolve("tsx");

export function runSandbox(
  request: SandboxRequest,
  watchdog: WatchdogLimits = DEFAULT_WATCHDOG,
  onPhase?: (phase: string) => void,
): Promise<SandboxResult> {
  const started = Date.now();
  const child = spawn(process.execPath, ["--no-node-snapshot", "--import", tsxLoader, childEntry], {
    env: sandboxEnv(),
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    if (stderr.length < 20_000) stderr += chunk.toString();
  });
  child.stdout!.resume();

  return new Promise<SandboxResult>((resolve) => {
    let result: SandboxResult | null = null;
    let phase = "starting";
    let killedReason: string | null = null;
    let timer: NodeJS.Timeout | undefined;
    const arm = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        killedReason = `sandbox process killed by the watchdog after ${ms} ms of ${phase}`;
        child.kill("SIGKILL");
      }, ms);
    };
    arm(watchdog.loadMs);
    child.on("message", (message: ChildMessage) => {
      if (message.type === "phase") {
        phase = message.phase;
        onPhase?.(phase);
        if (message.phase === "eliciting") arm((message.wallClockMs ?? 0) + watchdog.graceMs);
        if (message.phase === "evaluating") arm(watchdog.evaluateMs);
      } else if (message.type === "result") {
        result = message.result;
      }
    });
    child.on("error", (error) => {
      killedReason ??= `sandbox process could not run: ${error.message}`;
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (result) {
        const error = result.error && mapPluginStack(result.error, request.bundle.sourceMap);
        return resolve(error ? { ...result, error } : result);
      }
      const tail = stderr.trim().split("\n").slice(-5).join("\n");
      resolve(
        failure(
          request,
          killedReason ??
            `sandbox process exited (${signal ?? `code ${code}`}) during ${phase}${tail ? `: ${tail}` : ""}`,
          Date.now() - started,
          killedReason !== null,
        ),
      );
    });
    // The child (and the isolate) get the code only; the source map stays here.
    const { code, sha256 } = request.bundle;
    child.send({
      type: "run",
      request: { ...request, bundle: { code, sha256 } },
    } satisfies ParentMessage);
  });
}

function failure(
  request: SandboxRequest,
  error: string,
  totalMs: number,
  killed: boolean,
): SandboxResult {
  return {
    status: "failed",
    error,
    method: null,
    params: request.params,
    hostInfo: null,
    limits: request.limits,
    spent: null,
    ledger: { genesis: "", entries: [] },
    logs: [],
    evaluation: null,
    scoring: null,
    probes: [],
    elicitStartMs: 0,
    durations: { loadMs: 0, elicitMs: 0, evaluateMs: 0, probeMs: 0, totalMs },
    sandbox: { cpuMs: 0, envNames: [], killed },
  };
}
