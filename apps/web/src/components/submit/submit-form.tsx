"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type ChangeEvent, type FormEvent } from "react";
import type { Diagnostic } from "~/server/services/submit/plugin-check";
import type { DryRunFailure } from "~/server/services/submit/submit-plugin";
import { useTRPC } from "~/trpc/react";
import { DryRunProblem } from "./dry-run-problem";
import { SourceWithDiagnostics } from "./source-with-diagnostics";
import { TEMPLATE_SOURCE } from "./template-source";

const TRACKS = [
  ["demonstrations", "Demonstrations"],
  ["rewards", "Rewards"],
  ["weak-demonstrations", "Weak demonstrations"],
  ["prompting", "Prompting only"],
] as const;

type Track = (typeof TRACKS)[number][0];

function guessName(source: string) {
  return /name:\s*["'`]([\w.-]{1,80})["'`]/.exec(source)?.[1] ?? "";
}

export function SubmitForm({ maxBytes }: { maxBytes: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [source, setSource] = useState(TEMPLATE_SOURCE);
  const [name, setName] = useState(guessName(TEMPLATE_SOURCE));
  const [description, setDescription] = useState("");
  const [track, setTrack] = useState<Track>("demonstrations");
  const [visibility, setVisibility] = useState<"public" | "private">("public");
  const [diagnostics, setDiagnostics] = useState<Diagnostic[] | null>(null);
  const [checkedSource, setCheckedSource] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [dryRun, setDryRun] = useState<DryRunFailure | null>(null);
  const bytes = new TextEncoder().encode(source).length;
  const tooBig = bytes > maxBytes;

  const check = useMutation(trpc.submission.check.mutationOptions());
  const create = useMutation(trpc.submission.create.mutationOptions());
  const busy = check.isPending || create.isPending;

  function onSourceChange(next: string) {
    setSource(next);
    setDiagnostics(null);
    setDryRun(null);
    setCheckedSource(null);
    if (!name || name === guessName(source)) setName(guessName(next));
  }

  async function onUpload(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > maxBytes) {
      setMessage(`${file.name} is ${file.size} bytes; the limit is ${maxBytes}.`);
      return;
    }
    onSourceChange(await file.text());
  }

  async function onCheck() {
    setMessage(null);
    try {
      const result = await check.mutateAsync({ source });
      setDiagnostics(result.ok ? [] : result.diagnostics);
      setCheckedSource(source);
    } catch (error) {
      setMessage((error as Error).message);
    }
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    setDryRun(null);
    try {
      const result = await create.mutateAsync({ name, description, track, visibility, source });
      if (result.ok) router.push(`/submissions/${result.id}`);
      else if ("dryRun" in result) {
        setDiagnostics([]);
        setDryRun(result.dryRun);
      } else {
        setDiagnostics(result.diagnostics);
        setCheckedSource(source);
      }
    } catch (error) {
      setMessage((error as Error).message);
    }
  }

  return (
    <form onSubmit={onSubmit} className="stack submit-form" aria-describedby="submit-help">
      <p id="submit-help" className="muted">
        The plugin is bundled and type-checked on the server, then run once on a small model with a
        tiny budget (a few seconds); only if that dry run succeeds is it stored and queued against
        the locked models.
      </p>
      <label htmlFor="submit-name">Method name</label>
      <input
        id="submit-name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        maxLength={80}
      />
      <label htmlFor="submit-description">Description</label>
      <textarea
        id="submit-description"
        rows={2}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        maxLength={4000}
      />
      <label htmlFor="submit-track">Track</label>
      <select id="submit-track" value={track} onChange={(e) => setTrack(e.target.value as Track)}>
        {TRACKS.map(([id, label]) => (
          <option key={id} value={id}>
            {label}
          </option>
        ))}
      </select>
      <fieldset>
        <legend>Source visibility</legend>
        <label>
          <input
            type="radio"
            name="visibility"
            checked={visibility === "public"}
            onChange={() => setVisibility("public")}
          />{" "}
          Public (shown on the method page)
        </label>{" "}
        <label>
          <input
            type="radio"
            name="visibility"
            checked={visibility === "private"}
            onChange={() => setVisibility("private")}
          />{" "}
          Private (results only)
        </label>
      </fieldset>
      <label htmlFor="submit-file">Upload a .ts file</label>
      <input id="submit-file" type="file" accept=".ts,.mts,text/plain" onChange={onUpload} />
      <label htmlFor="submit-source">Plugin source (TypeScript)</label>
      <textarea
        id="submit-source"
        rows={24}
        value={source}
        spellCheck={false}
        onChange={(e) => onSourceChange(e.target.value)}
      />
      <p className={tooBig ? "error" : "muted"}>
        {bytes} / {maxBytes} bytes
      </p>
      {diagnostics && diagnostics.length > 0 && checkedSource !== null && (
        <SourceWithDiagnostics source={checkedSource} diagnostics={diagnostics} />
      )}
      {dryRun && <DryRunProblem failure={dryRun} />}
      {diagnostics && diagnostics.length === 0 && !dryRun && (
        <p className="ok" role="status">
          Bundled and type-checked: no problems.
        </p>
      )}
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
      <div className="row">
        <button type="button" className="secondary" onClick={onCheck} disabled={busy || tooBig}>
          {check.isPending ? "Checking…" : "Check"}
        </button>{" "}
        <button type="submit" disabled={busy || tooBig || !name}>
          {create.isPending ? "Checking and dry-running…" : "Submit"}
        </button>
      </div>
    </form>
  );
}
