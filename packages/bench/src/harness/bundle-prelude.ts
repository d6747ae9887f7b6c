// The isolate prelude (sandbox/prelude.ts with the real SDK runtime bundled in), built once per
// process by the parent and handed to the sandbox child with each request.
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

let preludeCode: Promise<string> | undefined;

/** The isolate prelude (with the real SDK runtime bundled in), built once per process. */
export function bundlePrelude(): Promise<string> {
  preludeCode ??= build({
    entryPoints: [fileURLToPath(new URL("./sandbox/prelude.ts", import.meta.url))],
    bundle: true,
    write: false,
    format: "iife",
    platform: "neutral",
    target: "es2022",
    logLevel: "silent",
  }).then((r) => r.outputFiles[0]!.text);
  return preludeCode;
}
