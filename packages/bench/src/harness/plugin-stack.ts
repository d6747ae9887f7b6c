// Rewrites the stack frames of a plugin's error message from positions in its bundle (the
// isolate runs it as `plugin.js`) to the author's TypeScript (`plugin.ts:line:column`), with
// the source map `bundlePlugin` made. The map stays on the host: only the bundle's code enters
// the isolate. The message is the plugin's own text, so anything in it may be fake: frames are
// matched by a bounded pattern, at most MAX_FRAMES are rewritten, only the first MAX_SCANNED
// characters are looked at, and a frame the map does not cover is left as it was. Never throws.
import { decodeSourceMap, originalPosition, type DecodedSourceMap } from "./source-map";

/** The file name the sandbox gives the bundle (sandbox/run-isolate.ts). */
export const BUNDLE_FILENAME = "plugin.js";
export const MAX_FRAMES = 64;
export const MAX_SCANNED = 16 * 1024;

const FRAME = /\bplugin\.js:(\d{1,9}):(\d{1,9})\b/g;

/** `text` with every `plugin.js:L:C` the map covers replaced by the source position. */
export function mapPluginStack(text: string, sourceMap: string | null | undefined): string {
  try {
    if (typeof text !== "string" || !sourceMap) return text;
    const head = text.slice(0, MAX_SCANNED);
    if (!head.includes(`${BUNDLE_FILENAME}:`)) return text;
    let map: DecodedSourceMap | null | undefined;
    let frames = 0;
    const mapped = head.replace(FRAME, (frame, line: string, column: string) => {
      if (++frames > MAX_FRAMES) return frame;
      map ??= decodeSourceMap(sourceMap);
      const at = map && originalPosition(map, Number(line), Number(column));
      return at ? `${at.source}:${at.line}:${at.column}` : frame;
    });
    return mapped + text.slice(MAX_SCANNED);
  } catch {
    return text;
  }
}
