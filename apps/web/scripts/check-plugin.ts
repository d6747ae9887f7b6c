// Child process of the web server (src/server/services/submit/plugin-check.ts): reads
// `{ source }` as JSON on stdin, type-checks and bundles it with @lockpick/bench/harness, and
// prints the CheckResult as JSON on stdout. Kept out of the Next.js bundle on purpose: the
// TypeScript compiler and esbuild load here, not in the web server.
import { text } from "node:stream/consumers";

type Diag = { line: number; column: number; message: string };
type Harness = {
  bundlePlugin(source: string): Promise<{ code: string; sha256: string; sourceMap?: string }>;
  typecheckPlugin(source: string): Promise<unknown> | unknown;
};

/** Accepts the harness's diagnostics as an array or as `{ diagnostics }`. */
function diagnosticsOf(result: unknown): Diag[] {
  const list = Array.isArray(result)
    ? result
    : ((result as { diagnostics?: unknown[] } | null)?.diagnostics ?? []);
  return list.map((d) => {
    const o = d as Partial<Diag>;
    return { line: o.line ?? 0, column: o.column ?? 0, message: String(o.message ?? d) };
  });
}

const { source } = JSON.parse(await text(process.stdin)) as { source: string };
const harness = (await import("@lockpick/bench/harness")) as unknown as Harness;

const typeErrors = diagnosticsOf(await harness.typecheckPlugin(source)).map((d) => ({
  ...d,
  kind: "type" as const,
}));
let out: unknown;
try {
  const bundle = await harness.bundlePlugin(source);
  out =
    typeErrors.length > 0
      ? { ok: false, diagnostics: typeErrors }
      : {
          ok: true,
          bundle: bundle.code,
          bundleSha256: bundle.sha256,
          // Maps plugin error stacks to the source (dry run and runs); never sent to browsers.
          ...(bundle.sourceMap && { bundleSourceMap: bundle.sourceMap }),
        };
} catch (error) {
  const bundleErrors = diagnosticsOf(error).map((d) => ({ ...d, kind: "bundle" as const }));
  if (bundleErrors.length === 0) throw error;
  out = { ok: false, diagnostics: [...bundleErrors, ...typeErrors] };
}
process.stdout.write(JSON.stringify(out));
