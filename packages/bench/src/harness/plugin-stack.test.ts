// Errors thrown by plugin code are reported at the author's TypeScript line and column, not in
// the esbuild bundle; the source-map reader decodes what it is given exactly and gives up
// quietly on anything else; the stack mapper stays bounded on hostile messages.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { bundlePlugin } from "./bundle-plugin";
import { MAX_FRAMES, MAX_SCANNED, mapPluginStack } from "./plugin-stack";
import { decodeSourceMap, originalPosition } from "./source-map";
import { runFake } from "./test/run-fake";

/** 1-based line and column of the first occurrence of `needle` in `source`. */
function positionOf(source: string, needle: string) {
  const at = source.indexOf(needle);
  assert.ok(at >= 0, `${needle} is in the source`);
  const before = source.slice(0, at).split("\n");
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

// Types, an interface and blank lines before the throw: the bundle's lines differ from these.
const THROWS_IN_HELPER = `import { defineMethod } from "@lockpick/sdk";
import { tokenAgreement } from "@lockpick/sdk/helpers";

interface Plan {
  steps: number;
  label: string;
}

function check(plan: Plan): number {
  if (plan.steps > 0) {
    throw new Error("bad plan: " + plan.label);
  }
  return plan.steps;
}

export default defineMethod({
  name: "throws-at-a-known-line",
  track: "demonstrations",
  async elicit(ctx) {
    ctx.log({ agreement: tokenAgreement("a b", "a c") });
    check({ steps: 3, label: "three" });
  },
});
`;

const THROWS_AT_LOAD = `import { defineMethod } from "@lockpick/sdk";

type Table = Record<string, number>;
const table: Table = {};
if (Object.keys(table).length === 0) throw new RangeError("empty table at load");

export default defineMethod({ name: "load", track: "demonstrations", async elicit() {} });
`;

describe("plugin errors point into the TypeScript source", () => {
  test("a throw in elicit's call chain is reported at its line and column, caller too", async () => {
    const result = await runFake(THROWS_IN_HELPER);
    assert.equal(result.status, "failed");
    const error = result.error ?? "";
    const thrown = positionOf(THROWS_IN_HELPER, "new Error");
    const call = positionOf(THROWS_IN_HELPER, "check({");
    assert.match(error, /Error: bad plan: three/);
    assert.match(error, new RegExp(`at check \\(plugin\\.ts:${thrown.line}:${thrown.column}\\)`));
    assert.match(error, new RegExp(`plugin\\.ts:${call.line}:${call.column}\\b`));
    assert.doesNotMatch(error, /plugin\.js:/);
  });

  test("a throw while the module loads is reported at its line", async () => {
    const result = await runFake(THROWS_AT_LOAD);
    assert.equal(result.status, "failed");
    const thrown = positionOf(THROWS_AT_LOAD, "new RangeError");
    assert.match(result.error ?? "", /failed while loading: empty table at load/);
    assert.match(result.error ?? "", new RegExp(`plugin\\.ts:${thrown.line}:${thrown.column}\\b`));
  });

  test("frames inside the inlined SDK helpers name the helpers' source", async () => {
    const bundle = await bundlePlugin(THROWS_IN_HELPER);
    const map = decodeSourceMap(bundle.sourceMap!)!;
    assert.deepEqual(map.sources, ["plugin.ts", "@lockpick/sdk", "@lockpick/sdk/helpers.ts"]);
    const inHelpers = bundle.code
      .split("\n")
      .findIndex((l) => l.includes("function tokenAgreement"));
    const at = originalPosition(map, inHelpers + 1, 100);
    assert.equal(at?.source, "@lockpick/sdk/helpers.ts");
  });

  test("the map stays out of the bundle: the code is the same with or without it", async () => {
    const bundle = await bundlePlugin(THROWS_IN_HELPER);
    assert.doesNotMatch(bundle.code, /sourceMappingURL/);
    assert.doesNotMatch(bundle.sourceMap!, /sourcesContent|\/work\//);
  });
});

/** Base64 VLQ, written independently of the decoder under test. */
function vlq(value: number): string {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let v = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = "";
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v > 0) digit |= 32;
    out += chars[digit];
  } while (v > 0);
  return out;
}

type Segment = [number, number, number, number];

/** Encodes absolute segments per line the way the format asks (relative fields). */
function encodeMappings(lines: Segment[][]): string {
  let prev = [0, 0, 0];
  return lines
    .map((segments) => {
      let col = 0;
      return segments
        .map(([c, s, l, sc]) => {
          const text = vlq(c - col) + vlq(s - prev[0]!) + vlq(l - prev[1]!) + vlq(sc - prev[2]!);
          col = c;
          prev = [s, l, sc];
          return text;
        })
        .join(",");
    })
    .join(";");
}

describe("source map reader", () => {
  test("decodes what an encoder wrote (property)", () => {
    const segment = fc.tuple(fc.nat(5000), fc.nat(2), fc.nat(100_000), fc.nat(400));
    const line = fc
      .array(segment, { maxLength: 8 })
      .map((xs) => [...new Map(xs.map((x) => [x[0], x])).values()].sort((a, b) => a[0] - b[0]));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const json = JSON.stringify({
          version: 3,
          sources: ["a", "b", "c"],
          mappings: encodeMappings(lines),
        });
        const map = decodeSourceMap(json);
        assert.ok(map);
        lines.forEach((segments, i) => {
          for (const [c, s, l, sc] of segments) {
            assert.deepEqual(originalPosition(map, i + 1, c + 1), {
              source: ["a", "b", "c"][s],
              line: l + 1,
              column: sc + 1,
            });
          }
        });
      }),
    );
  });

  test("a column between segments belongs to the segment before it; before the first, none", () => {
    const json = JSON.stringify({
      version: 3,
      sources: ["s"],
      mappings: encodeMappings([
        [
          [4, 0, 9, 2],
          [10, 0, 9, 8],
        ],
      ]),
    });
    const map = decodeSourceMap(json)!;
    assert.deepEqual(originalPosition(map, 1, 8), { source: "s", line: 10, column: 3 });
    assert.deepEqual(originalPosition(map, 1, 400), { source: "s", line: 10, column: 9 });
    assert.equal(originalPosition(map, 1, 4), null);
    assert.equal(originalPosition(map, 2, 5), null);
    assert.equal(originalPosition(map, 0, 5), null);
  });

  test("anything that is not a usable map is null, never a throw", () => {
    const bad = [
      "",
      "not json",
      "null",
      "[]",
      JSON.stringify({ version: 2, sources: [], mappings: "" }),
      JSON.stringify({ version: 3, sources: ["a"], mappings: "A!AA" }), // not Base64
      JSON.stringify({ version: 3, sources: ["a"], mappings: "AAg" }), // cut mid-number
      JSON.stringify({ version: 3, sources: ["a"], mappings: "AA" }), // two fields
      JSON.stringify({ version: 3, sources: ["a"], mappings: "ACAA" }), // source 1 of 1
      JSON.stringify({ version: 3, sources: ["a"], mappings: "gggggggggA" }), // beyond 31 bits
      JSON.stringify({ version: 3, sources: ["a"], mappings: "A".repeat(5_000_000) }), // too big
    ];
    for (const json of bad) assert.equal(decodeSourceMap(json), null, json.slice(0, 60));
  });
});

describe("stack mapper on hostile messages", () => {
  const map = JSON.stringify({
    version: 3,
    sources: ["plugin.ts"],
    mappings: encodeMappings([[], [[2, 0, 6, 4]]]),
  });

  test("maps the frames it covers, leaves fake and foreign ones as they were", () => {
    const text = [
      "Error: see plugin.js:2:9 and plugin.js:99:1",
      "    at elicit (plugin.js:2:3)",
      "    at prelude.js:2:3",
      "    at evil (plugin.js:2:1)",
      "    at x (myplugin.js:2:3)",
    ].join("\n");
    assert.equal(
      mapPluginStack(text, map),
      [
        "Error: see plugin.ts:7:5 and plugin.js:99:1",
        "    at elicit (plugin.ts:7:5)",
        "    at prelude.js:2:3",
        "    at evil (plugin.js:2:1)",
        "    at x (myplugin.js:2:3)",
      ].join("\n"),
    );
  });

  test("no map, a broken map or a non-string message: returned unchanged", () => {
    const text = "Error: x\n    at f (plugin.js:2:3)";
    assert.equal(mapPluginStack(text, undefined), text);
    assert.equal(mapPluginStack(text, "{"), text);
    assert.equal(mapPluginStack(text, JSON.stringify({ version: 3 })), text);
    assert.equal(mapPluginStack(42 as unknown as string, map), 42);
  });

  test("a huge message with a flood of frames is bounded and quick", () => {
    const frame = "\n    at f (plugin.js:2:3)";
    const text = `Error: flood${frame.repeat(200_000)}`;
    const started = performance.now();
    const out = mapPluginStack(text, map);
    assert.ok(performance.now() - started < 1000);
    assert.equal(out.split("plugin.ts:7:5").length - 1, MAX_FRAMES);
    assert.equal(out.length, text.length, "same-length rewrite: nothing dropped, nothing added");
    assert.equal(out.slice(MAX_SCANNED), text.slice(MAX_SCANNED));
    const giant = `Error: ${"plugin.js:".repeat(1e6)}99999999999999:1`;
    assert.equal(mapPluginStack(giant, map), giant);
  });
});
