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
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let done: Promise<void> | undefined;

export function registerGradients(): Promise<void> {
  done ??= load();
  return done;
}

async function load(): Promise<void> {
  if (tf.getGradient("BatchMatMul")) return; // someone (e.g. @tensorflow/tfjs) already did it
  const dist = dirname(fileURLToPath(import.meta.resolve("@tensorflow/tfjs-core")));
  const built = buildSync({
    entryPoints: [join(dist, "register_all_gradients.js")],
    bundle: true,
    format: "esm",
    platform: "node",
    write: false,
    logLevel: "error",
  });
  const code = built.outputFiles[0]!.text;
  await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
  if (!tf.getGradient("BatchMatMul")) throw new Error("tfjs gradients failed to register");
}
