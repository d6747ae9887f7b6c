import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { listTaskFamilies } from "../registry";
import { comparableVersions, versionMajor, versionMismatch } from "./version";

describe("task versions", () => {
  it("every registered family has an N-X version", () => {
    for (const family of listTaskFamilies())
      assert.equal(typeof versionMajor(family.version), "number");
  });

  it("N is the part before the dash", () => {
    assert.equal(versionMajor("1-0"), 1);
    assert.equal(versionMajor("12-3"), 12);
  });

  it("a malformed version is refused by name", () => {
    for (const bad of ["1", "1.0", "1-", "-1", "01-0", "1-0-0", "v1-0", " 1-0", ""])
      assert.throws(
        () => versionMajor(bad),
        new RegExp(`malformed task version ${JSON.stringify(bad)}`),
      );
    assert.throws(() => comparableVersions("1-0", "1"), /malformed task version "1"/);
  });

  it("versions are comparable exactly when N agrees", () => {
    assert.ok(comparableVersions("1-0", "1-0"));
    assert.ok(comparableVersions("1-0", "1-1"));
    assert.ok(comparableVersions("1-7", "1-0"));
    assert.ok(!comparableVersions("1-0", "2-0"));
    assert.ok(!comparableVersions("2-1", "1-1"));
    assert.ok(!comparableVersions("1-0", "10-0"));
  });

  it("the refusal names both versions and says N differs", () => {
    assert.equal(versionMismatch("code-critique", "1-0", "1-1"), undefined);
    assert.match(
      versionMismatch("code-critique", "1-1", "2-0") ?? "",
      /^locked on code-critique 1-1, task is 2-0: N differs/,
    );
  });
});
