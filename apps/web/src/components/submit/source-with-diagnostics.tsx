import type { Diagnostic } from "~/server/services/submit/plugin-check";

/** The source listing with each diagnostic shown under the line it points at. */
export function SourceWithDiagnostics({
  source,
  diagnostics,
}: {
  source: string;
  diagnostics: Diagnostic[];
}) {
  const lines = source.split("\n");
  const byLine = new Map<number, Diagnostic[]>();
  for (const d of diagnostics) byLine.set(d.line, [...(byLine.get(d.line) ?? []), d]);
  const general = diagnostics.filter((d) => d.line < 1 || d.line > lines.length);
  return (
    <div className="diagnostics" role="alert" aria-label="Problems in the plugin">
      <p className="error">
        {diagnostics.length} problem{diagnostics.length === 1 ? "" : "s"} found; fix them and check
        again.
      </p>
      {general.map((d, i) => (
        <p key={i} className="error">
          {d.message}
        </p>
      ))}
      <ol className="source-lines">
        {lines.map((text, i) => {
          const here = byLine.get(i + 1);
          return (
            <li key={i} value={i + 1} className={here ? "has-error" : undefined}>
              <code>{text || " "}</code>
              {here?.map((d, j) => (
                <div key={j} className="diagnostic" data-line={d.line}>
                  line {d.line}, column {d.column}: {d.message}
                </div>
              ))}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
