// A minimal reader of source maps (version 3, as esbuild writes them): decodes the Base64 VLQ
// `mappings` and answers "which source position produced this generated one". Written here
// rather than taken from a library because it is short and must never throw on bad input: a
// map that does not parse is simply `null`, a position it does not cover is `null`.

export interface DecodedSourceMap {
  sources: string[];
  /** Per generated line (0-based): flat segments [column, source, line, column] (0-based). */
  lines: Int32Array[];
}

export interface OriginalPosition {
  source: string;
  /** 1-based, as stack traces and editors count. */
  line: number;
  column: number;
}

/** Maps larger than this are not decoded (a plugin source is at most a few hundred KB). */
export const MAX_SOURCE_MAP_CHARS = 4 * 1024 * 1024;

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) DIGIT[BASE64.charCodeAt(i)] = i;

/** Decodes the VLQ fields of one segment into `out`; returns how many, or -1 if malformed. */
function decodeSegment(text: string, start: number, end: number, out: number[]): number {
  let n = 0;
  let value = 0;
  let shift = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    const digit = code < 128 ? DIGIT[code]! : -1;
    if (digit < 0 || shift > 25) return -1; // not Base64, or a number beyond 31 bits
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    if (n === 5) return -1;
    out[n++] = value & 1 ? -(value >>> 1) : value >>> 1;
    value = 0;
    shift = 0;
  }
  return shift === 0 ? n : -1; // a field cut off mid-number
}

/** Parses a source map's JSON text; null when it is not a usable version-3 map. */
export function decodeSourceMap(json: string): DecodedSourceMap | null {
  try {
    if (typeof json !== "string" || json.length > MAX_SOURCE_MAP_CHARS) return null;
    const raw = JSON.parse(json) as { version?: unknown; sources?: unknown; mappings?: unknown };
    if (raw.version !== 3 || typeof raw.mappings !== "string" || !Array.isArray(raw.sources)) {
      return null;
    }
    const sources = raw.sources.map((s) => (typeof s === "string" ? s : "?"));
    const text = raw.mappings;
    const lines: Int32Array[] = [];
    const fields = [0, 0, 0, 0, 0];
    let source = 0;
    let line = 0;
    let column = 0;
    let segments: number[] = [];
    let generated = 0;
    let start = 0;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text[i] : ";";
      if (c !== "," && c !== ";") continue;
      if (i > start) {
        const n = decodeSegment(text, start, i, fields);
        if (n !== 1 && n !== 4 && n !== 5) return null;
        generated += fields[0]!;
        if (n >= 4) {
          source += fields[1]!;
          line += fields[2]!;
          column += fields[3]!;
          if (source < 0 || source >= sources.length || line < 0 || column < 0 || generated < 0) {
            return null;
          }
          segments.push(generated, source, line, column);
        }
      }
      start = i + 1;
      if (c === ";") {
        lines.push(Int32Array.from(segments));
        segments = [];
        generated = 0;
      }
    }
    return { sources, lines };
  } catch {
    return null;
  }
}

/**
 * The source position of a generated one (1-based line and column, as V8 prints them): the
 * last segment of that line starting at or before the column. null when the map has none.
 */
export function originalPosition(
  map: DecodedSourceMap,
  line: number,
  column: number,
): OriginalPosition | null {
  const segments = map.lines[line - 1];
  if (!segments || !Number.isInteger(column) || column < 1) return null;
  let lo = 0;
  let hi = segments.length / 4 - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid * 4]! <= column - 1) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return null;
  return {
    source: map.sources[segments[found * 4 + 1]!]!,
    line: segments[found * 4 + 2]! + 1,
    column: segments[found * 4 + 3]! + 1,
  };
}
