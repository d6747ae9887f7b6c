// Sign-in as deployed: GitHub OAuth (configured with a test client id; GitHub itself is never
// contacted: the browser's request to it is intercepted and read), and no development sign-in
// in a production build.
import { e2eEnv } from "./env";
import { expect, test } from "./fixtures";

test("the sign-in page offers GitHub and starts OAuth with client_id, redirect_uri and state", async ({
  page,
  context,
  baseURL,
}) => {
  let authorize: URL | undefined;
  await page.route("https://github.com/**", async (route) => {
    authorize = new URL(route.request().url());
    await route.fulfill({ status: 200, contentType: "text/plain", body: "GitHub (stub)" });
  });
  await page.goto("/signin");
  await expect(page.getByRole("heading", { name: "Development sign-in" })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign in with GitHub" }).click();
  await expect.poll(() => authorize?.pathname).toBe("/login/oauth/authorize");
  expect(authorize!.host).toBe("github.com");
  expect(authorize!.searchParams.get("client_id")).toBe(e2eEnv.AUTH_GITHUB_ID);
  expect(authorize!.searchParams.get("redirect_uri")).toBe(`${baseURL}/api/auth/callback/github`);
  expect(authorize!.searchParams.get("response_type")).toBe("code");
  expect(authorize!.searchParams.get("code_challenge_method")).toBe("S256");
  const state = authorize!.searchParams.get("state");
  expect(state?.length ?? 0).toBeGreaterThan(20);
  // The state is checked on the callback against a cookie set when the flow started.
  const cookies = (await context.cookies(baseURL)).map((c) => c.name);
  expect(cookies).toContain("authjs.state");
  expect(cookies).toContain("authjs.pkce.code_verifier");
});

test("the development sign-in does not exist in the production build", async ({ page }) => {
  const response = await page.request.post("/api/dev-login", {
    form: { name: "intruder", admin: "on" },
  });
  expect(response.status()).toBe(404);
});
