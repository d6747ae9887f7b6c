// Runs one plugin bundle in a fresh isolate inside the sandbox child. Limits: the isolate's
// heap (memoryLimit), its CPU time (polled; the isolate is disposed when over) and the run's
// wall clock (the budget; also polled). Only two references cross into the isolate, one for
// sync and one for async host calls, and both take and return strings by copy.
import ivm from "isolated-vm";
import { z } from "zod";
import type { ParamValue, TaskInfo, TrackId } from "@lockpick/sdk";
import type { BudgetView, HostApi } from "../host-api";
import { BUNDLE_FILENAME } from "../plugin-stack";

export interface IsolateLimits {
  /** Heap limit of the isolate in MB. */
  memoryMb: number;
  /** CPU time the plugin's own JavaScript may use, in ms. */
  cpuMs: number;
}

export interface MethodInfo {
  name: string;
  tracks: TrackId[];
  params: Record<string, ParamValue>;
}

export type IsolateOutcome =
  | { kind: "completed" }
  | { kind: "budget"; message: string }
  | { kind: "wall-clock" }
  | { kind: "failed"; reason: "thrown" | "cpu" | "memory" | "invalid" | "crash"; message: string };

const trackId = z.enum(["demonstrations", "rewards", "weak-demonstrations", "prompting"]);
const paramValue = z.union([z.number(), z.string().max(1000), z.boolean()]);
const describeSchema = z.union([
  z.object({
    ok: z.literal(true),
    name: z.string().min(1).max(100),
    track: z.union([trackId, z.array(trackId).min(1).max(4)]),
    params: z.record(z.string().max(64), paramValue),
  }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
const outcomeSchema = z.object({
  status: z.enum(["completed", "budget", "thrown"]),
  message: z.string().optional(),
});

const clip = (text: string, n = 2000) => (text.length > n ? `${text.slice(0, n)}…` : text);

/** The bundle's own frames of an error's stack (not the host's paths), for load failures. */
function bundleFrames(error: unknown): string {
  const stack = error instanceof Error && typeof error.stack === "string" ? error.stack : "";
  const frames = stack
    .slice(0, 8000)
    .split("\n")
    .filter((line) => /^\s+at .{0,200}\bplugin\.js:\d+:\d+\)?$/.test(line))
    .slice(0, 3);
  return frames.length > 0 ? `\n${frames.join("\n")}` : "";
}

export interface IsolateRun {
  /** Loads the bundle and returns the method's self-description. */
  describe(): Promise<MethodInfo>;
  /** Runs `elicit` with resolved params. Never rejects. */
  elicit(params: Record<string, ParamValue>, wallDeadline: () => number): Promise<IsolateOutcome>;
  cpuMs(): number;
  dispose(): void;
}

export async function loadIsolate(
  preludeCode: string,
  bundleCode: string,
  api: HostApi,
  init: { seed: number; track: TrackId; task: TaskInfo; budget: BudgetView },
  limits: IsolateLimits,
): Promise<IsolateRun> {
  const isolate = new ivm.Isolate({ memoryLimit: limits.memoryMb });
  let stopReason: "cpu" | "wall-clock" | null = null;
  const cpuMs = () => (isolate.isDisposed ? lastCpu : Number(isolate.cpuTime / 1_000_000n));
  let lastCpu = 0;
  const fail = (reason: "thrown" | "cpu" | "memory" | "invalid" | "crash", message: string) =>
    ({ kind: "failed", reason, message: clip(message) }) as const;
  const classify = (error: unknown): IsolateOutcome => {
    const message = error instanceof Error ? error.message : String(error);
    if (stopReason === "wall-clock") return { kind: "wall-clock" };
    if (stopReason === "cpu") return fail("cpu", `CPU time limit of ${limits.cpuMs} ms exceeded`);
    if (/memory limit|array buffer allocation failed/i.test(message)) {
      return fail("memory", `memory limit of ${limits.memoryMb} MB exceeded`);
    }
    if (/timed out/i.test(message)) return fail("cpu", `script timed out (${limits.cpuMs} ms)`);
    return fail("crash", `sandbox error: ${message}`);
  };

  const context = await isolate.createContext();
  const syncRef = new ivm.Reference((method: unknown, args: unknown) =>
    api.handleSync(method, args),
  );
  const asyncRef = new ivm.Reference((method: unknown, args: unknown) =>
    api.handleAsync(method, args),
  );
  await context.evalClosure("globalThis.__lockpick_bridge = { sync: $0, async: $1, init: $2 };", [
    syncRef,
    asyncRef,
    JSON.stringify(init),
  ]);
  const prelude = await isolate.compileScript(preludeCode, { filename: "prelude.js" });
  await prelude.run(context, { timeout: 5000 });

  // Watchdog for the CPU limit and the wall clock, polled from the host thread (the isolate
  // runs on its own thread, so a stuck plugin does not stop this timer).
  let deadline = () => Infinity;
  const watchdog = setInterval(() => {
    if (isolate.isDisposed) return;
    lastCpu = Number(isolate.cpuTime / 1_000_000n);
    if (lastCpu > limits.cpuMs) stopReason = "cpu";
    else if (Date.now() > deadline()) stopReason = "wall-clock";
    if (stopReason) isolate.dispose();
  }, 20);
  watchdog.unref();

  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    // Dispose from the watchdog does not always reject a pending `apply`; race a stop signal.
    let timer: NodeJS.Timeout | undefined;
    let ticksSinceDisposed = 0;
    const stopped = new Promise<never>((_, reject) => {
      timer = setInterval(() => {
        if (!isolate.isDisposed) return;
        // Stopped by our watchdog: done. Disposed by isolated-vm itself (memory limit): give
        // the pending call a moment to reject with its own, more precise message.
        if (stopReason || ++ticksSinceDisposed > 20) {
          reject(new Error(`isolate disposed (memory limit of ${limits.memoryMb} MB or a crash)`));
        }
      }, 25);
    });
    try {
      return await Promise.race([work(), stopped]);
    } finally {
      clearInterval(timer);
    }
  };

  return {
    async describe() {
      try {
        await guarded(async () => {
          const script = await isolate.compileScript(bundleCode, { filename: BUNDLE_FILENAME });
          await script.run(context, { timeout: limits.cpuMs });
        });
      } catch (error) {
        const outcome = classify(error);
        const detail =
          outcome.kind !== "failed"
            ? "stopped"
            : outcome.reason === "crash"
              ? outcome.message.replace(/^sandbox error: /, "")
              : outcome.message;
        const frames =
          outcome.kind === "failed" && outcome.reason === "crash" ? bundleFrames(error) : "";
        throw new PluginLoadError(`the plugin failed while loading: ${detail}${frames}`);
      }
      const raw = await guarded(() =>
        context.eval("__lockpick_describe()", { timeout: 1000, copy: true }),
      ).catch((error: unknown) => {
        throw new PluginLoadError(`the plugin could not be described: ${String(error)}`);
      });
      const parsed = describeSchema.safeParse(typeof raw === "string" ? JSON.parse(raw) : null);
      if (!parsed.success) throw new PluginLoadError("the plugin's definition is malformed");
      if (!parsed.data.ok) throw new PluginLoadError(clip(parsed.data.message));
      const { name, track, params } = parsed.data;
      return { name, tracks: typeof track === "string" ? [track] : track, params };
    },

    async elicit(params, wallDeadline) {
      deadline = wallDeadline;
      try {
        const start = (await context.global.get("__lockpick_start", {
          reference: true,
        })) as ivm.Reference;
        const raw = await guarded(
          () =>
            start.apply(undefined, [JSON.stringify(params)], {
              arguments: { copy: true },
              result: { promise: true, copy: true },
            }) as Promise<unknown>,
        );
        const parsed = outcomeSchema.safeParse(typeof raw === "string" ? JSON.parse(raw) : null);
        if (!parsed.success) return fail("invalid", "the sandbox returned a malformed outcome");
        const { status, message = "" } = parsed.data;
        if (status === "completed") return { kind: "completed" };
        if (status === "budget") return { kind: "budget", message: clip(message) };
        return fail("thrown", message);
      } catch (error) {
        return classify(error);
      }
    },

    cpuMs,

    dispose() {
      clearInterval(watchdog);
      if (!isolate.isDisposed) {
        lastCpu = cpuMs();
        isolate.dispose();
      }
      syncRef.release();
      asyncRef.release();
    },
  };
}

export class PluginLoadError extends Error {
  override readonly name = "PluginLoadError";
}
