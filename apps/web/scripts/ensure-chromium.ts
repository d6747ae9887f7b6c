// The e2e suite drives Debian's Chromium. Install it with apt when it is missing and we are
// root; otherwise stop and say exactly what to install.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { childEnv } from "./env";

export function ensureChromium(path: string): void {
  if (existsSync(path)) return;
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (!root || path !== "/usr/bin/chromium") {
    throw new Error(
      `Chromium not found at ${path}. Install Debian's package as root: ` +
        "apt-get update && apt-get install -y chromium",
    );
  }
  console.log("e2e: installing Chromium with apt (apt-get install -y chromium)…");
  execFileSync("apt-get", ["update"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], {
    stdio: "inherit",
    env: childEnv({ DEBIAN_FRONTEND: "noninteractive" }),
  });
  if (!existsSync(path)) throw new Error(`apt installed chromium but ${path} is still missing`);
}
