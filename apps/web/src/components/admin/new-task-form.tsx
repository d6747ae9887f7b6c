"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { LOCK_RECIPES, type LockRecipeName } from "@lockpick/runner/lock-recipes";
import { useTRPC } from "~/trpc/react";

export function NewTaskForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const families = useQuery(trpc.admin.families.queryOptions());
  const create = useMutation(trpc.admin.createTask.mutationOptions());
  const [familyId, setFamilyId] = useState("");
  const [slug, setSlug] = useState("");
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [config, setConfig] = useState("");
  const [recipe, setRecipe] = useState<LockRecipeName>("ft-default");
  const [error, setError] = useState<string | null>(null);

  function pick(id: string) {
    setFamilyId(id);
    const f = families.data?.find((x) => x.id === id);
    if (f) {
      setConfig(JSON.stringify(f.defaultConfig, null, 2));
      if (!title) setTitle(f.title);
      if (!description) setDescription(f.description);
    }
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(config) as Record<string, unknown>;
    } catch {
      setError("The configuration is not valid JSON.");
      return;
    }
    try {
      const task = await create.mutateAsync({
        familyId,
        slug,
        title,
        description,
        config: parsed,
        recipe,
      });
      router.push(`/admin/tasks/${task.id}`);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <form onSubmit={onSubmit} className="stack">
      <label htmlFor="task-family">Family</label>
      <select id="task-family" value={familyId} onChange={(e) => pick(e.target.value)} required>
        <option value="">Choose a registered family…</option>
        {families.data?.map((f) => (
          <option key={f.id} value={f.id}>
            {f.title} ({f.id} v{f.version})
          </option>
        ))}
      </select>
      <label htmlFor="task-slug">Slug</label>
      <input
        id="task-slug"
        value={slug}
        onChange={(e) => setSlug(e.target.value)}
        required
        pattern="[a-z0-9][a-z0-9-]{0,79}"
      />
      <label htmlFor="task-title">Title</label>
      <input id="task-title" value={title} onChange={(e) => setTitle(e.target.value)} required />
      <label htmlFor="task-description">Description</label>
      <textarea
        id="task-description"
        rows={3}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <label htmlFor="task-config">Configuration (JSON, validated against the family)</label>
      <textarea
        id="task-config"
        rows={14}
        value={config}
        onChange={(e) => setConfig(e.target.value)}
        spellCheck={false}
      />
      <label htmlFor="task-recipe">Lock recipe</label>
      <select
        id="task-recipe"
        value={recipe}
        onChange={(e) => setRecipe(e.target.value as LockRecipeName)}
        aria-describedby="task-recipe-help"
      >
        {LOCK_RECIPES.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <p id="task-recipe-help" className="muted">
        The locking pipeline&apos;s named recipes (docs/locking.md); <code>tiny</code> builds in
        about a minute but learns too little to pass the acceptance checks.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={create.isPending || !familyId}>
        {create.isPending ? "Adding…" : "Add task and build its locked models"}
      </button>
    </form>
  );
}
