"use client";
/**
 * Adds a new person with a role (and, from an estate's member list, straight into that estate). The
 * server generates a one-time password; this form shows it once.
 */
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ROLE_LABELS, ROLES, type TRole } from "../../auth/permissions.ts";
import { useTRPC } from "../../trpc/client.tsx";
import { ErrorAlert } from "../../ui/components.tsx";
import { OneTimePasswordNotice } from "./one-time-password-notice.tsx";

const EMPTY = { email: "", name: "", role: "auditor" as TRole };

export function AddPersonForm({ estateId, idPrefix, onAdded }: { estateId?: string; idPrefix: string; onAdded: () => void }) {
  const trpc = useTRPC();
  const [draft, setDraft] = useState(EMPTY);
  const [issued, setIssued] = useState<{ email: string; password: string } | null>(null);
  const add = useMutation(
    trpc.admin.addPerson.mutationOptions({
      onSuccess: (result) => {
        setIssued({ email: result.user.email, password: result.oneTimePassword });
        setDraft(EMPTY);
        onAdded();
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ ...draft, ...(estateId ? { estateId } : {}) });
  };
  return (
    <div className="stack">
      {issued ? <OneTimePasswordNotice email={issued.email} password={issued.password} onDismiss={() => setIssued(null)} /> : null}
      <form className="row" style={{ alignItems: "flex-end" }} onSubmit={submit} aria-label="Add a new person">
        <div className="field" style={{ margin: 0 }}>
          <label htmlFor={`${idPrefix}-email`}>E-mail</label>
          <input
            id={`${idPrefix}-email`}
            type="email"
            value={draft.email}
            onChange={(e) => setDraft({ ...draft, email: e.target.value })}
            required
          />
        </div>
        <div className="field" style={{ margin: 0 }}>
          <label htmlFor={`${idPrefix}-name`}>Name</label>
          <input
            id={`${idPrefix}-name`}
            type="text"
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            required
          />
        </div>
        <div className="field" style={{ margin: 0 }}>
          <label htmlFor={`${idPrefix}-role`}>Role</label>
          <select id={`${idPrefix}-role`} value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as TRole })}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </div>
        <button className="btn" type="submit" disabled={add.isPending}>
          {add.isPending ? "Adding…" : "Add person"}
        </button>
      </form>
      {add.error ? <ErrorAlert error={add.error} /> : null}
    </div>
  );
}
