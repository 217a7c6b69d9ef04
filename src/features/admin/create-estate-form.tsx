"use client";
/** Creates an estate: a name, a slug (suggested from the name) and a description. Members are added after. */
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "../../trpc/client.tsx";
import { ErrorAlert } from "../../ui/components.tsx";
import { slugFromName } from "./estate-slug.ts";

export function CreateEstateForm({ onCreated }: { onCreated: (estateId: string) => void }) {
  const trpc = useTRPC();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState<string | null>(null);
  const [description, setDescription] = useState("");
  const create = useMutation(
    trpc.admin.createEstate.mutationOptions({
      onSuccess: (estate) => {
        setName("");
        setSlug(null);
        setDescription("");
        onCreated(estate.id);
      },
    }),
  );
  const effectiveSlug = slug ?? slugFromName(name);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, slug: effectiveSlug, description });
  };
  return (
    <section className="card stack" aria-labelledby="create-estate-heading">
      <h2 id="create-estate-heading" style={{ margin: 0 }}>
        New estate
      </h2>
      <form className="stack" onSubmit={submit}>
        <div className="grid cols-2">
          <div className="field" style={{ margin: 0 }}>
            <label htmlFor="estate-name">Name</label>
            <input id="estate-name" type="text" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />
          </div>
          <div className="field" style={{ margin: 0 }}>
            <label htmlFor="estate-slug">Slug</label>
            <input
              id="estate-slug"
              type="text"
              value={effectiveSlug}
              onChange={(e) => setSlug(e.target.value)}
              pattern="[a-z0-9][a-z0-9\-]{1,62}"
              required
            />
            <div className="hint">Lower-case letters, digits and dashes; used in file names of downloads.</div>
          </div>
        </div>
        <div className="field" style={{ margin: 0 }}>
          <label htmlFor="estate-description">Description</label>
          <textarea
            id="estate-description"
            rows={2}
            maxLength={2000}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
        {create.error ? <ErrorAlert error={create.error} /> : null}
        <div>
          <button type="submit" className="btn" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create estate"}
          </button>
        </div>
      </form>
    </section>
  );
}
