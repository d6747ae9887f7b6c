// Which task instance a family configuration is: the family's default config is the family
// itself (slug = family id); any other config is named after the keys that differ from the
// default, so a lock built on `program-synthesis` with `{ lines: 1 }` belongs to
// `program-synthesis-lines-1` ("… (lines 1)"), never to the default instance.
import { hashString } from "./random";
import type { TaskFamily } from "./types";

/** Slugs are at most this long (the database's rule: `^[a-z0-9][a-z0-9-]{0,79}$`). */
const MAX_SLUG = 80;

export interface ConfigInstance {
  slug: string;
  title: string;
  /** The config with the family's defaults applied. */
  config: Record<string, unknown>;
  /** The keys whose value is not the default one, in the schema's key order. */
  differs: Record<string, unknown>;
  /** `differs` in words, as the title's parenthesis spells it ("lines 1"); "" for the default. */
  differsText: string;
  isDefault: boolean;
}

// Resolved configs are plain JSON in the schema's key order, so their JSON text compares them.
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** `config` with the family's schema defaults applied (throws on an invalid config). */
export function resolveTaskConfig(family: TaskFamily, config?: unknown): Record<string, unknown> {
  return { ...(family.configSchema.parse(config ?? {}) as Record<string, unknown>) };
}

/** True when two configs of `family` are the same once defaults are applied. */
export function sameTaskConfig(family: TaskFamily, a: unknown, b: unknown): boolean {
  return same(resolveTaskConfig(family, a), resolveTaskConfig(family, b));
}

const words = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
const valueText = (value: unknown): string =>
  Array.isArray(value) ? value.map(valueText).join("/") : String(value);
const slugPart = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");

/** The task instance `config` (undefined: the default) of `family` belongs to. */
export function configInstance(family: TaskFamily, config?: unknown): ConfigInstance {
  const resolved = resolveTaskConfig(family, config);
  const defaults = resolveTaskConfig(family, family.defaultConfig);
  const differs = Object.fromEntries(
    Object.entries(resolved).filter(([key, value]) => !same(value, defaults[key])),
  );
  const changes = Object.entries(differs);
  if (changes.length === 0)
    return {
      slug: family.id,
      title: family.title,
      config: resolved,
      differs,
      differsText: "",
      isDefault: true,
    };
  let slug = [
    family.id,
    ...changes.flatMap(([k, v]) => [slugPart(words(k)), slugPart(valueText(v))]),
  ]
    .filter(Boolean)
    .join("-");
  if (slug.length > MAX_SLUG) {
    // Too many differences to spell out: a prefix plus a hash of them keeps it unique and stable.
    const hash = hashString(JSON.stringify(differs)).toString(16).padStart(8, "0");
    slug = `${slug.slice(0, MAX_SLUG - hash.length - 1).replace(/-+$/, "")}-${hash}`;
  }
  const differsText = changes.map(([k, v]) => `${words(k)} ${valueText(v)}`).join(", ");
  const title = `${family.title} (${differsText})`;
  return { slug, title, config: resolved, differs, differsText, isDefault: false };
}
