import assert from "node:assert/strict";
import { test } from "node:test";
import { isSameOrigin } from "./same-origin";

const req = (headers: Record<string, string>) =>
  new Request("http://lockpick.test/api/trpc/submission.create", { method: "POST", headers });

test("mutations from our own origin pass", () => {
  assert.equal(isSameOrigin(req({ host: "lockpick.test", origin: "http://lockpick.test" })), true);
  assert.equal(isSameOrigin(req({ host: "lockpick.test", "sec-fetch-site": "same-origin" })), true);
});

test("cross-site and origin-less requests are refused", () => {
  assert.equal(isSameOrigin(req({ host: "lockpick.test", origin: "https://evil.example" })), false);
  assert.equal(
    isSameOrigin(
      req({
        host: "lockpick.test",
        origin: "http://lockpick.test",
        "sec-fetch-site": "cross-site",
      }),
    ),
    false,
  );
  assert.equal(isSameOrigin(req({ host: "lockpick.test" })), false);
  assert.equal(isSameOrigin(req({ host: "lockpick.test", origin: "null" })), false);
});
