// Registers tfjs-core's gradient functions.
//
// tfjs-core's Node entry (dist/tf-core.node.js) ships ops and kernels but not gradients; they
// live only in its ES-module sources (dist/register_all_gradients.js), whose extensionless
// relative imports Node's ESM loader cannot resolve. We bundle that one entry with esbuild (a
// dependency already) and evaluate it. The bundle carries its own copy of tfjs-core's module
// code, which is harmless: the engine, kernel registry and gradient registry are process-wide
// globals in tfjs, so its registerGradient calls land in the same registry our ops use.
import * as tf from "@tensorflow/tfjs-core";
import { buildSync } from "esbuild";
import { createHash } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { threadId } from "node:worker_threads";

let done: Promise<void> | undefined;

export function registerGradients(): Promise<void> {
  done ??= load();
  return done;
}

async function load(): Promise<void> {
  if (tf.getGradient("BatchMatMul")) return; // someone (e.g. @tensorflow/tfjs) already did it
  const dist = dirname(fileURLToPath(import.meta.resolve("@tensorflow/tfjs-core")));
  // The bundle is cached on disk (keyed by tfjs version and install path): worker threads and
  // later processes then skip esbuild, which costs most of a second on a busy machine. It lives
  // in node_modules/.cache (owned by whoever installed the packages), not a shared /tmp, since
  // it is code we execute.
  const key = createHash("sha256").update(`${tf.version_core}:${dist}`).digest("hex").slice(0, 16);
  const cacheDir = join(dist, "..", "..", "..", ".cache", "lockpick");
  const cached = join(cacheDir, `tfjs-gradients-${key}.mjs`);
  try {
    await import(pathToFileURL(cached).href);
  } catch {
    // no cache yet (or unreadable): build it below
  }
  if (!tf.getGradient("BatchMatMul")) {
    const built = buildSync({
      entryPoints: [join(dist, "register_all_gradients.js")],
      bundle: true,
      format: "esm",
      platform: "node",
      write: false,
      logLevel: "error",
    });
    const code = built.outputFiles[0]!.text;
    try {
      mkdirSync(cacheDir, { recursive: true });
      const temp = `${cached}.${process.pid}.${threadId}.tmp`;
      writeFileSync(temp, code);
      renameSync(temp, cached); // atomic: readers never see a partial file
    } catch {
      // an unwritable tmpdir only costs the cache
    }
    await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
  }
  if (!tf.getGradient("BatchMatMul")) throw new Error("tfjs gradients failed to register");
}
