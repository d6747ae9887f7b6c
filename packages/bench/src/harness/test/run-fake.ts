// Test helper: bundle a plugin and run it in the real sandbox child over the fake host.
import type { TrackId } from "@lockpick/sdk";
import { bundlePlugin } from "../bundle-plugin";
import { bundlePrelude } from "../bundle-prelude";
import type { ProbeOptions } from "../host-api";
import type { SandboxResult } from "../sandbox/protocol";
import { runSandbox } from "../sandbox/spawn-sandbox";
import { resolveLimits, type BudgetLimits } from "../tracks";
import type { FakeHostOptions } from "./fake-model-host";

export interface FakeRunOptions {
  track?: TrackId;
  budget?: number;
  limits?: Partial<BudgetLimits>;
  memoryMb?: number;
  cpuMs?: number;
  graceMs?: number;
  loadMs?: number;
  host?: FakeHostOptions;
  params?: Record<string, number | string | boolean>;
  evaluate?: boolean;
  probe?: ProbeOptions;
}

export async function runFake(source: string, o: FakeRunOptions = {}): Promise<SandboxResult> {
  const bundle = await bundlePlugin(source);
  const track = o.track ?? "demonstrations";
  return runSandbox(
    {
      prelude: await bundlePrelude(),
      bundle,
      host: {
        module: new URL("./fake-model-host.ts", import.meta.url).href,
        options: o.host ?? {},
      },
      track,
      limits: resolveLimits(track, o.budget ?? 16, { wallClockMs: 8000, ...o.limits }),
      seed: 1,
      params: o.params ?? {},
      isolate: { memoryMb: o.memoryMb ?? 64, cpuMs: o.cpuMs ?? 500 },
      evaluate: o.evaluate ?? false,
      ...(o.probe ? { probe: o.probe } : {}),
    },
    { loadMs: o.loadMs ?? 30_000, graceMs: o.graceMs ?? 3000, evaluateMs: 30_000 },
  );
}

/** A plugin module around an `elicit` body (the body may use `ctx`, `BudgetExceededError`). */
export const plugin = (body: string, track = "demonstrations") => `
import { defineMethod, BudgetExceededError, HostCallError } from "@lockpick/sdk";
export default defineMethod({
  name: "probe",
  track: ${JSON.stringify(track)},
  params: { lr: 0.001, tag: "x" },
  async elicit(ctx) {
    void BudgetExceededError; void HostCallError;
    ${body}
  },
});`;
