"use client";
/** One estate under administration: rename it, archive or restore it, and manage its members. */
import { useMutation } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import type { AppRouter } from "../../server/api/root.ts";
import { useTRPC } from "../../trpc/client.tsx";
import { Badge, ErrorAlert } from "../../ui/components.tsx";
import { EstateMembers } from "./estate-members.tsx";

type TAdminEstate = inferRouterOutputs<AppRouter>["admin"]["estates"][number];
type TUser = inferRouterOutputs<AppRouter>["admin"]["users"][number];

export function EstateAdminCard({ estate, people, onChanged }: { estate: TAdminEstate; people: TUser[]; onChanged: () => void }) {
  const trpc = useTRPC();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(estate.name);
  const [description, setDescription] = useState(estate.description);
  const rename = useMutation(
    trpc.admin.renameEstate.mutationOptions({
      onSuccess: () => {
        setEditing(false);
        onChanged();
      },
    }),
  );
  const archive = useMutation(trpc.admin.archiveEstate.mutationOptions({ onSuccess: onChanged }));
  const archived = estate.archivedAt !== null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    rename.mutate({ estateId: estate.id, name, description });
  };
  const toggleArchive = () => {
    const question = archived
      ? `Restore "${estate.name}"? It becomes editable and listed again.`
      : `Archive "${estate.name}"? It becomes read-only and disappears from the default lists; nothing is deleted.`;
    if (window.confirm(question)) archive.mutate({ estateId: estate.id, archived: !archived });
  };
  return (
    <article className="card stack" data-testid="estate-admin" aria-label={`Estate ${estate.name}`}>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 style={{ margin: 0 }}>
          <Link href={`/estates/${estate.id}`}>{estate.name}</Link> <span className="mono muted">{estate.slug}</span>{" "}
          {archived ? <Badge tone="warn">archived {new Date(estate.archivedAt!).toLocaleDateString("de-CH")}</Badge> : null}
        </h2>
        <div className="row">
          {!archived && !editing ? (
            <button type="button" className="btn secondary" onClick={() => setEditing(true)}>
              Rename<span className="sr-only"> {estate.name}</span>
            </button>
          ) : null}
          <button type="button" className="btn secondary" disabled={archive.isPending} onClick={toggleArchive}>
            {archived ? "Restore" : "Archive"}
            <span className="sr-only"> {estate.name}</span>
          </button>
        </div>
      </div>
      {editing ? (
        <form className="stack" onSubmit={submit}>
          <div className="field" style={{ margin: 0 }}>
            <label htmlFor={`rename-${estate.id}`}>New name</label>
            <input id={`rename-${estate.id}`} type="text" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} required />
          </div>
          <div className="field" style={{ margin: 0 }}>
            <label htmlFor={`describe-${estate.id}`}>Description</label>
            <textarea
              id={`describe-${estate.id}`}
              rows={2}
              maxLength={2000}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </div>
          <div className="row">
            <button type="submit" className="btn" disabled={rename.isPending}>
              Save name
            </button>
            <button
              type="button"
              className="btn secondary"
              onClick={() => {
                setEditing(false);
                setName(estate.name);
                setDescription(estate.description);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : estate.description ? (
        <p className="muted" style={{ margin: 0 }}>
          {estate.description}
        </p>
      ) : null}
      {rename.error ? <ErrorAlert error={rename.error} /> : null}
      {archive.error ? <ErrorAlert error={archive.error} /> : null}
      <EstateMembers estate={estate} people={people} onChanged={onChanged} />
    </article>
  );
}
