// Type-checks a plugin submission against the SDK's types with the TypeScript compiler API.
// The plugin is checked as it runs: ES2022 with no Node or DOM types, strict, one module that
// may import only @lockpick/sdk and @lockpick/sdk/helpers. Returns diagnostics with 1-based line and column.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { SDK_HELPERS, SDK_HELPERS_FILE, SDK_MODULE } from "./bundle-plugin";

export interface TypeDiagnostic {
  line: number;
  column: number;
  message: string;
  code: number;
  category: "error" | "warning" | "suggestion" | "message";
}

const PLUGIN = "/plugin/plugin.ts";
const SDK = fileURLToPath(import.meta.resolve(SDK_MODULE));
const LIB_DIR = dirname(fileURLToPath(import.meta.resolve("typescript")));

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts"],
  types: [],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  isolatedModules: true,
  noUncheckedIndexedAccess: true,
};

// Library and SDK files parse once per process; only the plugin is new each time.
const cache = new Map<string, ts.SourceFile>();
function cached(fileName: string, version: ts.ScriptTarget): ts.SourceFile | undefined {
  let file = cache.get(fileName);
  if (!file) {
    let text: string;
    try {
      text = readFileSync(fileName, "utf8");
    } catch {
      return undefined;
    }
    file = ts.createSourceFile(fileName, text, version);
    cache.set(fileName, file);
  }
  return file;
}

const category = (c: ts.DiagnosticCategory): TypeDiagnostic["category"] =>
  c === ts.DiagnosticCategory.Error
    ? "error"
    : c === ts.DiagnosticCategory.Warning
      ? "warning"
      : c === ts.DiagnosticCategory.Suggestion
        ? "suggestion"
        : "message";

/** The SDK and its helpers (which import the SDK's types as "./index"); nothing else. */
function resolveSdk(specifier: string, containingFile: string): string | undefined {
  if (specifier === SDK_MODULE) return SDK;
  if (specifier === SDK_HELPERS && containingFile === PLUGIN) return SDK_HELPERS_FILE;
  if (specifier === "./index" && containingFile === SDK_HELPERS_FILE) return SDK;
  return undefined;
}

export function typecheckPlugin(source: string): TypeDiagnostic[] {
  const host: ts.CompilerHost = {
    getSourceFile: (fileName, version) =>
      fileName === PLUGIN
        ? ts.createSourceFile(PLUGIN, source, version, true)
        : cached(fileName, version as ts.ScriptTarget),
    getDefaultLibFileName: (o) => join(LIB_DIR, ts.getDefaultLibFileName(o)),
    getDefaultLibLocation: () => LIB_DIR,
    writeFile: () => undefined,
    getCurrentDirectory: () => "/plugin",
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
    fileExists: (f) => f === PLUGIN || f === SDK || f === SDK_HELPERS_FILE || f.startsWith(LIB_DIR),
    readFile: (f) => (f === PLUGIN ? source : undefined),
    resolveModuleNameLiterals: (literals, containingFile) =>
      literals.map((literal) => {
        const resolvedFileName = resolveSdk(literal.text, containingFile);
        return resolvedFileName
          ? {
              resolvedModule: {
                resolvedFileName,
                extension: ts.Extension.Ts,
                isExternalLibraryImport: false,
              },
            }
          : { resolvedModule: undefined };
      }),
  };
  const program = ts.createProgram([PLUGIN], options, host);
  const diagnostics = [
    ...program.getSyntacticDiagnostics(),
    ...program.getSemanticDiagnostics(),
    ...program.getGlobalDiagnostics(),
  ].filter((d) => !d.file || d.file.fileName === PLUGIN);
  return diagnostics.map((d) => {
    const at =
      d.file && d.start !== undefined
        ? d.file.getLineAndCharacterOfPosition(d.start)
        : { line: -1, character: -1 };
    return {
      line: at.line + 1,
      column: at.character + 1,
      message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
      code: d.code,
      category: category(d.category),
    };
  });
}
