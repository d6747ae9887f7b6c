// Bundles a plugin's TypeScript source into one script for the isolate. A plugin may import
// `@lockpick/sdk`, which resolves to the runtime the prelude publishes in the isolate, and
// `@lockpick/sdk/helpers`, pure code inlined into the bundle; any other import (packages, node
// built-ins, relative files, require) is refused with the import's line and column.
import { createHash } from "node:crypto";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Message, type Plugin } from "esbuild";
import ts from "typescript";

export interface PluginDiagnostic {
  line: number;
  column: number;
  message: string;
}

export interface PluginBundle {
  code: string;
  /** SHA-256 of `code`: identifies exactly what ran. */
  sha256: string;
  /**
   * Source map (JSON) from `code` back to `plugin.ts` (and the inlined SDK helpers), without
   * the sources' text. Host-side only: the harness maps error stacks with it (plugin-stack.ts).
   */
  sourceMap?: string;
}

export class PluginBundleError extends Error {
  override readonly name = "PluginBundleError";
  constructor(readonly diagnostics: PluginDiagnostic[]) {
    super(
      diagnostics.map((d) => `plugin.ts:${d.line}:${d.column}: ${d.message}`).join("\n") ||
        "the plugin could not be bundled",
    );
  }
}

export const SDK_MODULE = "@lockpick/sdk";
export const SDK_HELPERS = "@lockpick/sdk/helpers";
/** The helpers' source: bundled into the plugin (it imports only types from the SDK). */
export const SDK_HELPERS_FILE = fileURLToPath(import.meta.resolve(SDK_HELPERS));
const ALLOWED = new Set([SDK_MODULE, SDK_HELPERS]);
const MAX_SOURCE = 512 * 1024;

const sdkShim = `const sdk = globalThis.__lockpick_sdk;
export const defineMethod = sdk.defineMethod;
export const BudgetExceededError = sdk.BudgetExceededError;
export const HostCallError = sdk.HostCallError;`;

const refusal = (path: string) =>
  `import "${path}" is not allowed: a plugin may import only ${SDK_MODULE} and ${SDK_HELPERS}`;

const onlySdk: Plugin = {
  name: "lockpick-only-sdk",
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === "entry-point") return undefined;
      if (args.path === SDK_MODULE) return { path: SDK_MODULE, namespace: "lockpick-sdk" };
      if (args.path === SDK_HELPERS) return { path: SDK_HELPERS_FILE };
      return {
        errors: [{ text: refusal(args.path) }],
      };
    });
    b.onLoad({ filter: /.*/, namespace: "lockpick-sdk" }, () => ({
      contents: sdkShim,
      loader: "js",
    }));
  },
};

/** Names the map's sources independently of where the bundler ran (the helpers' real path). */
function portableSourceMap(json: string, mapDir: string): string {
  const map = JSON.parse(json) as { sources: string[] };
  map.sources = map.sources.map((s) =>
    s.startsWith("lockpick-sdk:")
      ? SDK_MODULE
      : resolve(mapDir, s) === SDK_HELPERS_FILE
        ? `${SDK_HELPERS}.ts`
        : s,
  );
  return JSON.stringify(map);
}

const toDiagnostic = (m: Message): PluginDiagnostic => ({
  line: m.location?.line ?? 0,
  column: (m.location?.column ?? 0) + 1,
  message: m.text,
});

/** Bundles plugin source (TypeScript) into an IIFE that sets `__lockpick_plugin`. */
export async function bundlePlugin(source: string): Promise<PluginBundle> {
  if (source.length > MAX_SOURCE) {
    throw new PluginBundleError([
      { line: 0, column: 0, message: `source over ${MAX_SOURCE} bytes` },
    ]);
  }
  // Listed from the source itself: esbuild would silently drop imports that are never used.
  const file = ts.createSourceFile("plugin.ts", source, ts.ScriptTarget.ES2022);
  const refused = ts
    .preProcessFile(source, true, true)
    .importedFiles.filter((f) => !ALLOWED.has(f.fileName))
    .map((f) => {
      const at = ts.getLineAndCharacterOfPosition(file, f.pos);
      return { line: at.line + 1, column: at.character + 1, message: refusal(f.fileName) };
    });
  if (refused.length > 0) throw new PluginBundleError(refused);
  try {
    const result = await build({
      stdin: { contents: source, loader: "ts", sourcefile: "plugin.ts" },
      bundle: true,
      write: false,
      format: "iife",
      globalName: "__lockpick_plugin",
      platform: "neutral",
      target: "es2022",
      logLevel: "silent",
      legalComments: "none",
      // External: the code is byte for byte what it is without a map (no trailing comment).
      sourcemap: "external",
      sourcesContent: false,
      outfile: "plugin.js",
      plugins: [onlySdk],
    });
    const map = result.outputFiles.find((f) => f.path.endsWith(".map"))!;
    const code = result.outputFiles.find((f) => f !== map)!.text;
    return {
      code,
      sha256: createHash("sha256").update(code).digest("hex"),
      sourceMap: portableSourceMap(map.text, dirname(map.path)),
    };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    if (Array.isArray(errors)) throw new PluginBundleError(errors.map(toDiagnostic));
    throw error;
  }
}
