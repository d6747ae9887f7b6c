// Bundles and type-checks plugin source in a child process (scripts/check-plugin.ts), so the
// compiler's memory and CPU stay out of the web server and a pathological input can be killed.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { z } from "zod";

export const diagnosticSchema = z.object({
  line: z.number().int(),
  column: z.number().int(),
  message: z.string(),
  kind: z.enum(["bundle", "type"]),
});
export type Diagnostic = z.infer<typeof diagnosticSchema>;

export const checkResultSchema = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    bundle: z.string(),
    bundleSha256: z.string(),
    bundleSourceMap: z.string().optional(),
  }),
  z.object({ ok: z.literal(false), diagnostics: z.array(diagnosticSchema).min(1) }),
]);
export type CheckResult = z.infer<typeof checkResultSchema>;

const TIMEOUT_MS = 60_000;

export function checkPlugin(source: string): Promise<CheckResult> {
  const script = join(process.cwd(), "scripts/check-plugin.ts");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      cwd: process.cwd(),
      stdio: ["pipe", "pipe", "pipe"],
      timeout: TIMEOUT_MS,
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.once("error", reject);
    child.once("close", (code) => {
      if (code !== 0)
        return reject(new Error(`plugin check failed (${code}): ${err.slice(-2000)}`));
      try {
        resolve(checkResultSchema.parse(JSON.parse(out)));
      } catch (error) {
        reject(error as Error);
      }
    });
    child.stdin.end(JSON.stringify({ source }));
  });
}
