"use client";
/**
 * One estate's members: each person's role (a person has one role across Parity, so changing it here
 * changes it everywhere and ends their sessions), removal, adding someone who has an account, and adding
 * a new person with a one-time password.
 */
import { useMutation } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import { ROLE_LABELS, ROLES, type TRole } from "../../auth/permissions.ts";
import type { AppRouter } from "../../server/api/root.ts";
import { useTRPC } from "../../trpc/client.tsx";
import { Badge, ErrorAlert } from "../../ui/components.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { AddPersonForm } from "./add-person-form.tsx";

type TAdminEstate = inferRouterOutputs<AppRouter>["admin"]["estates"][number];
type TUser = inferRouterOutputs<AppRouter>["admin"]["users"][number];

export function EstateMembers({ estate, people, onChanged }: { estate: TAdminEstate; people: TUser[]; onChanged: () => void }) {
  const trpc = useTRPC();
  const setRole = useMutation(trpc.admin.setRole.mutationOptions({ onSuccess: onChanged }));
  const setMembership = useMutation(trpc.admin.setMembership.mutationOptions({ onSuccess: onChanged }));
  const [candidate, setCandidate] = useState("");
  const memberIds = new Set(estate.members.map((m) => m.id));
  const others = people.filter((p) => !memberIds.has(p.id) && !p.disabled);
  const idPrefix = `estate-${estate.id}`;
  return (
    <section className="stack" aria-label={`Members of ${estate.name}`} data-testid="estate-members">
      <h3 style={{ margin: 0 }}>Members ({estate.members.length})</h3>
      {estate.members.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          No members yet: only administrators see this estate.
        </p>
      ) : (
        <DataTable
          caption={`Members of ${estate.name}`}
          rows={estate.members}
          rowKey={(m) => m.id}
          columns={[
            {
              header: "Person",
              cell: (m) => (
                <>
                  {m.name} <span className="mono muted">{m.email}</span>{" "}
                  {m.mustChangePassword ? <Badge tone="warn">one-time password</Badge> : null}
                  {m.disabled ? <Badge tone="bad">disabled</Badge> : null}
                </>
              ),
            },
            {
              header: "Role (everywhere)",
              cell: (m) => (
                <>
                  <label className="sr-only" htmlFor={`${idPrefix}-role-${m.id}`}>
                    Role of {m.name}
                  </label>
                  <select
                    id={`${idPrefix}-role-${m.id}`}
                    value={m.role}
                    disabled={setRole.isPending}
                    onChange={(e) => setRole.mutate({ userId: m.id, role: e.target.value as TRole })}
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {ROLE_LABELS[role]}
                      </option>
                    ))}
                  </select>
                </>
              ),
            },
            {
              header: <span className="sr-only">Remove</span>,
              cell: (m) => (
                <button
                  type="button"
                  className="btn secondary"
                  disabled={setMembership.isPending}
                  onClick={() => setMembership.mutate({ userId: m.id, estateId: estate.id, member: false })}
                >
                  Remove<span className="sr-only"> {m.name}</span>
                </button>
              ),
            },
          ]}
        />
      )}
      {setRole.error ? <ErrorAlert error={setRole.error} /> : null}
      {setMembership.error ? <ErrorAlert error={setMembership.error} /> : null}
      {others.length > 0 ? (
        <form
          className="row"
          style={{ alignItems: "flex-end" }}
          onSubmit={(event) => {
            event.preventDefault();
            if (candidate)
              setMembership.mutate({ userId: candidate, estateId: estate.id, member: true }, { onSuccess: () => setCandidate("") });
          }}
        >
          <div className="field" style={{ margin: 0 }}>
            <label htmlFor={`${idPrefix}-existing`}>Add someone with an account</label>
            <select id={`${idPrefix}-existing`} value={candidate} onChange={(e) => setCandidate(e.target.value)}>
              <option value="">Choose a person…</option>
              {others.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.email}, {ROLE_LABELS[p.role]})
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn secondary" disabled={!candidate || setMembership.isPending}>
            Add member
          </button>
        </form>
      ) : null}
      <details>
        <summary>Add a new person to {estate.name}</summary>
        <div style={{ marginTop: 8 }}>
          <AddPersonForm estateId={estate.id} idPrefix={`${idPrefix}-new`} onAdded={onChanged} />
        </div>
      </details>
    </section>
  );
}
