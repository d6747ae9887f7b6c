// The built-in methods, by id. Each module is a self-contained plugin (it imports only
// @lockpick/sdk), bundled and run in the sandbox exactly like a researcher's; the CLI names them
// `builtin:<id>`. `builtinSource` gives the file a run bundles.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

export const BUILTIN_METHODS = [
  "none",
  "sft",
  "sft-weak",
  "sft-intermediate",
  "expert-iteration",
  "filtering",
  "dpo",
  "iterated-dpo",
  "dpo-continuous",
  "sft-then-rl",
  "few-shot",
  "prompt-search",
  "noise",
] as const;

export type BuiltinMethodId = (typeof BUILTIN_METHODS)[number];

export const isBuiltinMethod = (id: string): id is BuiltinMethodId =>
  (BUILTIN_METHODS as readonly string[]).includes(id);

/** Absolute path of a built-in method's source file. */
export function builtinPath(id: BuiltinMethodId): string {
  return fileURLToPath(new URL(`./${id}.ts`, import.meta.url));
}

/** The TypeScript source of a built-in method, as a run bundles it. */
export function builtinSource(id: BuiltinMethodId): Promise<string> {
  return readFile(builtinPath(id), "utf8");
}
