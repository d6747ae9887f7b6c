// `npm run build:native`: compiles the optional OpenBLAS addon (lockpick_blas.cc) with a plain g++
// command line. Never fails the caller: when something is missing it says why and exits 0, and
// the engine then runs on plain wasm kernels. As root with apt available it installs
// libopenblas-dev itself (Debian's package; nothing else is downloaded).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const source = `${here}lockpick_blas.cc`;
const output = `${here}build/lockpick_blas.node`;
const quiet = process.argv.includes("--quiet");
const log = (msg) => console.log(`[build:native] ${msg}`);

const has = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
const headerDirs = [
  "/usr/include/node",
  `${process.execPath.replace(/\/bin\/node$/, "")}/include/node`,
];
const nodeHeaders = headerDirs.find((d) => existsSync(`${d}/node_api.h`));
const blasReady = () =>
  existsSync("/usr/include/x86_64-linux-gnu/cblas.h") || existsSync("/usr/include/cblas.h")
    ? ["/usr/lib/x86_64-linux-gnu/libopenblas.so", "/usr/lib/libopenblas.so"].some(existsSync)
    : false;

function skip(reason) {
  log(`skipped: ${reason}. The engine will use plain wasm kernels.`);
  process.exit(0);
}

if (
  existsSync(output) &&
  statSync(output).mtimeMs > statSync(source).mtimeMs &&
  statSync(output).mtimeMs > statSync(fileURLToPath(import.meta.url)).mtimeMs
) {
  if (!quiet) log(`up to date: ${output}`);
  process.exit(0);
}
if (!has("g++")) skip("g++ not found");
if (!nodeHeaders) skip(`node_api.h not found in ${headerDirs.join(" or ")}`);
if (!blasReady()) {
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (!root || !has("apt-get"))
    skip("libopenblas-dev is not installed (apt-get install libopenblas-dev)");
  log("installing libopenblas-dev with apt-get");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const apt = (args) => spawnSync("apt-get", args, { stdio: "inherit", env }).status === 0;
  if (!apt(["install", "-y", "-qq", "libopenblas-dev"])) {
    apt(["update", "-qq"]);
    apt(["install", "-y", "-qq", "libopenblas-dev"]);
  }
  if (!blasReady()) skip("libopenblas-dev could not be installed");
}
mkdirSync(`${here}build`, { recursive: true });
const args = [
  "-O3",
  "-fno-math-errno",
  "-fno-trapping-math",
  "-shared",
  "-fPIC",
  "-std=c++17",
  "-Wall",
  "-Wextra",
  `-I${nodeHeaders}`,
  source,
  "-lopenblas",
  "-o",
  output,
];
try {
  execFileSync("g++", args, { stdio: "inherit" });
} catch (error) {
  skip(`g++ failed (${error.message})`);
}
log(`built ${output}`);
