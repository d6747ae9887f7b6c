import type { ModelCard } from "~/server/services/catalog/models";

function bytes(n: number) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 ** 2).toFixed(1)} MiB`;
}

function pct(v: unknown) {
  return typeof v === "number" ? `${(v * 100).toFixed(1)}%` : "—";
}

export function ModelCardView({ model }: { model: ModelCard }) {
  const report = (model.lockReport ?? {}) as Record<string, unknown>;
  return (
    <article className="card" data-model={model.id} aria-labelledby={`model-${model.id}`}>
      <h3 id={`model-${model.id}`}>
        {model.name}{" "}
        <span className={`badge ${model.visibility === "private" ? "bad" : "good"}`}>
          {model.visibility === "private" ? "held out" : "public"}
        </span>
      </h3>
      <dl className="facts">
        <dt>Checkpoint SHA-256</dt>
        <dd>
          <code>{model.checkpointSha256 ?? "—"}</code>
        </dd>
        {model.visibility === "private" ? (
          <>
            <dt>Password commitment</dt>
            <dd>
              <code>{model.passwordCommitment ?? "—"}</code>
            </dd>
          </>
        ) : (
          <>
            <dt>License</dt>
            <dd>{model.license}</dd>
            <dt>Lock quality</dt>
            <dd>
              with password {pct(report.withPassword)}, without {pct(report.withoutPassword)}
              {typeof report.bruteForceBest === "number" &&
                `, best of ${String(report.bruteForceTried ?? "?")} brute-force guesses ${pct(report.bruteForceBest)}`}
            </dd>
          </>
        )}
        {model.recipeName && (
          <>
            <dt>Recipe</dt>
            <dd>{model.recipeName}</dd>
          </>
        )}
        <dt>Lock acceptance</dt>
        <dd data-testid="lock-acceptance">
          {model.acceptance.accepted ? "passed" : "failed"}
          {!model.acceptance.accepted && `: ${model.acceptance.reasons.join("; ")}`}
        </dd>
      </dl>
      {model.acceptanceOverride && (
        <p role="note" data-testid="acceptance-override">
          Published over failed acceptance checks by {model.acceptanceOverride.byName ?? "an admin"}{" "}
          on {model.acceptanceOverride.at.slice(0, 10)}: {model.acceptanceOverride.reason}
        </p>
      )}
      {model.visibility === "public" && (
        <>
          {model.recipe && Object.keys(model.recipe).length > 0 && (
            <details>
              <summary>Model card (architecture and recipe)</summary>
              <pre>{JSON.stringify(model.recipe, null, 2)}</pre>
            </details>
          )}
          {model.lockReport && (
            <details>
              <summary>Lock report</summary>
              <pre>{JSON.stringify(model.lockReport, null, 2)}</pre>
            </details>
          )}
          {model.files.length > 0 && (
            <table>
              <caption>Files</caption>
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Size</th>
                  <th scope="col">SHA-256</th>
                </tr>
              </thead>
              <tbody>
                {model.files.map((f) => (
                  <tr key={f.path}>
                    <td>{f.path}</td>
                    <td className="num">{bytes(f.bytes)}</td>
                    <td>
                      <code className="hash">{f.sha256}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <a className="button" href={`/api/models/${model.id}/archive`} download>
            Download archive{model.bytes ? ` (${bytes(model.bytes)})` : ""}
          </a>
        </>
      )}
    </article>
  );
}
