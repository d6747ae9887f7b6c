// A small TypeScript highlighter for the method page: comments, strings, numbers, keywords.
// Rendered on the server as spans; good enough for reading a plugin, no dependency needed.
const KEYWORDS = new Set(
  "import export default from const let var function async await return if else for while of in new class extends throw try catch finally typeof instanceof type interface as true false null undefined break continue switch case".split(
    " ",
  ),
);
const TOKEN =
  /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|`(?:\\.|[^`\\])*`)|(\b\d[\d_.eE]*\b)|([A-Za-z_$][\w$]*)/g;

export function Highlight({ source }: { source: string }) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const m of source.matchAll(TOKEN)) {
    const i = m.index;
    if (i > last) parts.push(source.slice(last, i));
    const [text, comment, str, num, word] = m;
    const cls = comment
      ? "tok-com"
      : str
        ? "tok-str"
        : num
          ? "tok-num"
          : word && KEYWORDS.has(word)
            ? "tok-kw"
            : null;
    parts.push(
      cls ? (
        <span key={i} className={cls}>
          {text}
        </span>
      ) : (
        text
      ),
    );
    last = i + text.length;
  }
  parts.push(source.slice(last));
  return (
    <pre className="source" aria-label="Plugin source">
      <code>{parts}</code>
    </pre>
  );
}
