import { redirect } from "next/navigation";
import { currentUser, signIn } from "~/auth";
import { devLoginEnabled, env } from "~/env";

export const metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await currentUser()) redirect("/");
  const github = Boolean(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET);
  return (
    <section className="narrow">
      <h1>Sign in</h1>
      {github && (
        <form
          action={async () => {
            "use server";
            await signIn("github", { redirectTo: "/submit" });
          }}
        >
          <button type="submit">Sign in with GitHub</button>
        </form>
      )}
      {devLoginEnabled && (
        <form method="post" action="/api/dev-login" className="stack">
          <h2>Development sign-in</h2>
          <label>
            Name <input name="name" required maxLength={64} autoComplete="username" />
          </label>
          <label>
            <input type="checkbox" name="admin" /> Admin
          </label>
          <button type="submit">Sign in</button>
        </form>
      )}
      {!github && !devLoginEnabled && (
        <p>
          No sign-in method is configured. Set <code>AUTH_GITHUB_ID</code> and{" "}
          <code>AUTH_GITHUB_SECRET</code>, or run in development with <code>AUTH_DEV_LOGIN=1</code>.
        </p>
      )}
    </section>
  );
}
