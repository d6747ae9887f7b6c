import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { currentUser } from "~/auth";
import { SignOutButton } from "~/components/sign-out-button";
import { TRPCReactProvider } from "~/trpc/react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Lockpick", template: "%s · Lockpick" },
  description: "A leaderboard for capability-elicitation methods on password-locked models",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body>
        <a className="skip" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <nav aria-label="Main">
            <Link href="/" className="brand">
              Lockpick
            </Link>
            <ul>
              <li>
                <Link href="/">Leaderboard</Link>
              </li>
              <li>
                <Link href="/models">Models</Link>
              </li>
              <li>
                <Link href="/tasks">Tasks</Link>
              </li>
              <li>
                <Link href="/docs">Docs</Link>
              </li>
              <li>
                <Link href="/submit">Submit</Link>
              </li>
              {user?.role === "admin" && (
                <li>
                  <Link href="/admin">Admin</Link>
                </li>
              )}
            </ul>
            <div className="account">
              {user ? (
                <>
                  <Link href="/me" data-testid="account-name">
                    {user.name ?? user.email ?? "Account"}
                  </Link>
                  <SignOutButton />
                </>
              ) : (
                <Link href="/signin">Sign in</Link>
              )}
            </div>
          </nav>
        </header>
        <main id="main">
          <TRPCReactProvider>{children}</TRPCReactProvider>
        </main>
        <footer className="site-footer">
          <p>
            Lockpick — after{" "}
            <em>Stress-Testing Capability Elicitation With Password-Locked Models</em>.{" "}
            <Link href="/docs">Docs</Link>
          </p>
        </footer>
      </body>
    </html>
  );
}
