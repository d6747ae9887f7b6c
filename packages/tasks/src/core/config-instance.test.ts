import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getTaskFamily, listTaskFamilies, taskConfigNote } from "../registry";
import { configInstance, sameTaskConfig } from "./config-instance";

const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;

describe("configInstance", () => {
  it("the default config (given, partial or absent) is the family itself", () => {
    for (const family of listTaskFamilies()) {
      for (const config of [undefined, {}, family.defaultConfig]) {
        const instance = configInstance(family, config);
        assert.equal(instance.slug, family.id);
        assert.equal(instance.title, family.title);
        assert.equal(instance.differsText, "");
        assert.ok(instance.isDefault);
        assert.deepEqual(instance.config, family.defaultConfig);
      }
    }
  });

  it("a non-default config is named after the keys that differ, whatever else is spelled out", () => {
    const family = getTaskFamily("program-synthesis");
    const full = { ...(family.defaultConfig as object), lines: 1 };
    for (const config of [{ lines: 1 }, full]) {
      const instance = configInstance(family, config);
      assert.equal(instance.slug, "program-synthesis-lines-1");
      assert.equal(instance.title, `${family.title} (lines 1)`);
      assert.equal(instance.differsText, "lines 1");
      assert.deepEqual(instance.differs, { lines: 1 });
      assert.deepEqual(instance.config, full);
      assert.equal(instance.isDefault, false);
    }
    const two = configInstance(getTaskFamily("code-critique"), { argFaultShare: 0.5, lines: 2 });
    // Schema key order, not the caller's; camelCase keys become words.
    assert.equal(two.slug, "code-critique-lines-2-arg-fault-share-0-5");
    assert.match(two.title, /\(lines 2, arg fault share 0\.5\)$/);
    const ops = configInstance(getTaskFamily("arithmetic"), { operations: ["addition"] });
    assert.equal(ops.slug, "arithmetic-operations-addition");
  });

  it("long differences still give a valid, stable, distinct slug", () => {
    const family = getTaskFamily("program-synthesis");
    const a = { lines: 3, examples: 4, tests: 9, seed: 123456789, weakKnownLines: 4 };
    // Spelled out, these two would share their first 80 characters.
    const b = { ...a, intermediateKnownLines: 30 };
    const c = { ...a, intermediateKnownLines: 31 };
    const slug = (config: object) => configInstance(family, config).slug;
    for (const config of [a, b, c]) assert.match(slug(config), SLUG);
    assert.match(slug(b), /-[0-9a-f]{8}$/);
    assert.equal(slug({ ...b }), slug(b));
    assert.notEqual(slug(b), slug(c));
  });

  it("sameTaskConfig compares configs with defaults applied", () => {
    const family = getTaskFamily("function-composition");
    assert.ok(sameTaskConfig(family, {}, family.defaultConfig));
    assert.ok(sameTaskConfig(family, undefined, { compositionLength: 2 }));
    assert.ok(!sameTaskConfig(family, {}, { compositionLength: 1 }));
  });

  it("taskConfigNote: what a config changes, by task id; empty on the default or an unknown task", () => {
    assert.equal(taskConfigNote("program-synthesis", { lines: 1 }), "lines 1");
    const family = getTaskFamily("program-synthesis");
    for (const config of [undefined, null, {}, family.defaultConfig]) {
      assert.equal(taskConfigNote("program-synthesis", config), "");
    }
    assert.equal(taskConfigNote("no-such-task", { lines: 1 }), "");
  });
});
