// GitHub sign-in as configured for production: with AUTH_GITHUB_ID/SECRET set, auth.js offers
// the provider and starting it answers with a redirect to GitHub's authorize endpoint carrying
// our client id, our callback URL, a state and a PKCE challenge, both also set as cookies
// (checked on return).
// No network: the test reads the Location header.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Auth } from "@auth/core";
import { createDb, migrate, type DbHandle } from "@lockpick/db";

const ORIGIN = "https://lockpick.example";
// Production settings, before src/env.ts reads them (this file runs in its own process).
Object.assign(process.env, {
  NODE_ENV: "production",
  AUTH_SECRET: "s".repeat(40),
  AUTH_GITHUB_ID: "Iv1.e2e-client-id",
  AUTH_GITHUB_SECRET: "e2e-client-secret",
  AUTH_TRUST_HOST: "1",
});
delete process.env.AUTH_DEV_LOGIN;

let handle: DbHandle;
let config: Parameters<typeof Auth>[1];
before(async () => {
  handle = await createDb({ dataDir: "memory" });
  await migrate(handle);
  const { authConfig } = await import("./config");
  // next-auth adds the base path of its route handler (app/api/auth/[...nextauth]).
  config = { ...authConfig(handle.db), basePath: "/api/auth" } as Parameters<typeof Auth>[1];
});
after(() => handle.close());

const cookiesOf = (r: Response) => r.headers.getSetCookie().map((c) => c.split(";")[0]!);

test("with AUTH_GITHUB_ID/SECRET the providers list offers GitHub", async () => {
  const response = await Auth(new Request(`${ORIGIN}/api/auth/providers`), config);
  const providers = (await response.json()) as Record<string, { id: string; signinUrl: string }>;
  assert.deepEqual(Object.keys(providers), ["github"]);
  assert.equal(providers.github!.signinUrl, `${ORIGIN}/api/auth/signin/github`);
});

test("starting GitHub sign-in redirects to github.com with client_id, redirect_uri and state", async () => {
  const csrf = await Auth(new Request(`${ORIGIN}/api/auth/csrf`), config);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await Auth(
    new Request(`${ORIGIN}/api/auth/signin/github`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: cookiesOf(csrf).join("; "),
      },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${ORIGIN}/submit` }),
    }),
    config,
  );
  assert.equal(response.status, 302);
  const location = new URL(response.headers.get("location")!);
  assert.equal(
    `${location.origin}${location.pathname}`,
    "https://github.com/login/oauth/authorize",
  );
  assert.equal(location.searchParams.get("client_id"), "Iv1.e2e-client-id");
  assert.equal(location.searchParams.get("redirect_uri"), `${ORIGIN}/api/auth/callback/github`);
  assert.equal(location.searchParams.get("response_type"), "code");
  assert.ok(location.searchParams.get("scope")?.includes("user:email"));
  const state = location.searchParams.get("state");
  assert.ok(state && state.length > 20, "a state parameter");
  assert.equal(location.searchParams.get("code_challenge_method"), "S256");
  // State and PKCE verifier are kept (encrypted) in cookies the callback checks them against.
  const cookies = cookiesOf(response);
  assert.ok(
    cookies.some((c) => c.startsWith("__Secure-authjs.state=")),
    cookies.join(" "),
  );
  assert.ok(cookies.some((c) => c.startsWith("__Secure-authjs.pkce.code_verifier=")));
  assert.ok(!location.searchParams.has("client_secret"), "the secret never leaves the server");
});

test("starting sign-in without the CSRF token is refused", async () => {
  const response = await Auth(
    new Request(`${ORIGIN}/api/auth/signin/github`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ callbackUrl: `${ORIGIN}/submit` }),
    }),
    config,
  );
  assert.equal(response.status, 302);
  assert.doesNotMatch(response.headers.get("location") ?? "", /github\.com/);
});
