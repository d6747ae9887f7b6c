// Shared helpers for the engine's tests: backend set-up and tiny toy tasks.
import { initBackend, type BackendName } from "./backend";
import type { Example } from "./loss";
import { createRng } from "./random";

export async function useBackend(name: BackendName = "wasm"): Promise<void> {
  const info = await initBackend(name);
  if (info.name !== name) throw new Error(`test needs backend ${name}, got ${info.name}`);
}

/**
 * Toy reverse task over symbols 2..2+k: prompt = digits + separator, completion = digits reversed.
 * Ids 0/1 are pad/eos; the separator is id 2+k.
 */
export function reverseTask(count: number, length: number, k: number, seed: number): Example[] {
  const rng = createRng(seed);
  const sep = 2 + k;
  return Array.from({ length: count }, () => {
    const digits = Array.from({ length }, () => 2 + rng.int(k));
    return { prompt: [...digits, sep], completion: [...digits].reverse() };
  });
}
