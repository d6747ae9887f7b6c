// `npm run start -w @lockpick/web`: serves the site on $PORT (default 3000). Builds first when
// there is no production build or the sources changed since the last one, then `next start`.
// Expects LOCKPICK_DB_SOCKET (set by the root `npm start`) or DATABASE_URL. Without AUTH_SECRET
// a random one is created once and kept in $LOCKPICK_HOME/auth-secret. WEB_DEV=1 runs
// `next dev` with the development sign-in instead.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { childEnv, scriptEnv } from "./env";
import { run, start } from "./processes";

const webDir = new URL("..", import.meta.url).pathname;
const root = join(webDir, "../..");
const localNext = join(webDir, "node_modules/.bin/next");
const next = existsSync(localNext) ? localNext : join(root, "node_modules/.bin/next");
const home = scriptEnv.LOCKPICK_HOME ?? join(root, ".lockpick");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildIsStale(): boolean {
  const id = join(webDir, ".next/BUILD_ID");
  if (!existsSync(id)) return true;
  const built = statSync(id).mtimeMs;
  const sources = [
    join(webDir, "src"),
    ...["db", "tasks", "sdk"].map((p) => join(root, "packages", p, "src")),
  ];
  return sources.some((dir) => existsSync(dir) && newestMtime(dir) > built);
}

function authSecret(): string {
  if (scriptEnv.AUTH_SECRET) return scriptEnv.AUTH_SECRET;
  const file = join(home, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(home, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

const dev = scriptEnv.WEB_DEV === "1";
const env = childEnv({
  AUTH_SECRET: authSecret(),
  AUTH_TRUST_HOST: "1",
  NEXT_TELEMETRY_DISABLED: "1",
  ...(dev ? { AUTH_DEV_LOGIN: "1", NODE_ENV: "development" } : { NODE_ENV: "production" }),
});
if (!dev && buildIsStale()) {
  console.log("web: building the site (next build)…");
  await run(next, ["build"], { cwd: webDir, env });
}
const web = start("web", next, [dev ? "dev" : "start", "-p", String(scriptEnv.PORT)], {
  cwd: webDir,
  env,
});
const stop = () => void web.stop().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
web.child.once("exit", (code) => process.exit(code ?? 1));
