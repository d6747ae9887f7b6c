// The docs pages render the repository's own Markdown (docs/*.md), from an allowlist so a URL can
// never name an arbitrary file.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { marked } from "marked";

export const DOCS = [
  { slug: "plugins", file: "plugins.md", title: "Writing a method (plugin guide and host API)" },
  { slug: "scoring", file: "scoring.md", title: "Budgets and scoring rules" },
  { slug: "cli", file: "cli.md", title: "The lockpick CLI for local runs" },
  { slug: "tasks", file: "tasks.md", title: "Task families" },
  { slug: "checkpoints", file: "checkpoints.md", title: "Checkpoint format" },
  { slug: "runner", file: "runner.md", title: "Runners and the job queue" },
  { slug: "architecture", file: "architecture.md", title: "Architecture" },
  { slug: "web", file: "web.md", title: "The web platform" },
] as const;

export const PAPER_URL = "https://arxiv.org/abs/2405.19550";

function docsDir() {
  const cwd = process.cwd();
  return /[\\/]apps[\\/]web$/.test(cwd) ? join(cwd, "..", "..", "docs") : join(cwd, "docs");
}

export function availableDocs() {
  const dir = docsDir();
  return DOCS.filter((d) => existsSync(join(dir, d.file)));
}

/** HTML of one allowlisted doc (repository content, so trusted), or null. */
export function renderDoc(slug: string): { title: string; html: string } | null {
  const doc = DOCS.find((d) => d.slug === slug);
  if (!doc) return null;
  const path = join(docsDir(), doc.file);
  if (!existsSync(path)) return null;
  const html = marked.parse(readFileSync(path, "utf8"), { async: false, gfm: true });
  return { title: doc.title, html };
}
