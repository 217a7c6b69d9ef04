"use client";
/**
 * The estate's approval policy (segregation of duties) and retention period: everyone reads it; admins save
 * a new version. Each snapshot freezes the version in force when it is sealed, so a change applies to
 * snapshots sealed from then on.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "../../trpc/client.tsx";
import { ErrorAlert } from "../../ui/components.tsx";
import { canAdminister, useCurrentUser } from "../shell/current-user.tsx";

const ROLES = [
  ["admin", "Admins"],
  ["security_engineer", "Security engineers"],
  ["auditor", "Auditors"],
  ["architect", "Architects"],
] as const;
type TRoleKey = (typeof ROLES)[number][0];

type TPolicy = {
  approvalPolicy: { requiredApprovals: number; approverRoles: string[]; allowCreatorRole: boolean };
  retentionYears: number;
};

export function EvidencePolicyCard({ estateId }: { estateId: string }) {
  const user = useCurrentUser();
  const trpc = useTRPC();
  const policy = useQuery(trpc.snapshots.evidencePolicy.queryOptions({ estateId }));
  const p = policy.data;
  return (
    <section className="card stack" aria-labelledby="evidence-policy-heading">
      <h2 id="evidence-policy-heading">Approval policy and retention</h2>
      {policy.error ? <ErrorAlert error={policy.error} /> : null}
      {p ? (
        <p className="muted" style={{ margin: 0 }} data-testid="evidence-policy">
          New snapshots need {p.approvalPolicy.requiredApprovals} approval(s) from{" "}
          {p.approvalPolicy.approverRoles.map((r) => ROLES.find(([k]) => k === r)?.[1].toLowerCase() ?? r).join(", ")}; never the creator
          {p.approvalPolicy.allowCreatorRole ? "" : ", nor someone with the creator's role"}. A rejection blocks a snapshot. Evidence is
          kept {p.retentionYears} years. {p.version === 0 ? "(Parity's default policy.)" : `(Version ${p.version}.)`}
        </p>
      ) : null}
      {/* Keyed by version: the form starts from the saved policy and resets when a new version is saved. */}
      {p && canAdminister(user) ? <PolicyForm key={p.version} estateId={estateId} policy={p} /> : null}
    </section>
  );
}

function PolicyForm({ estateId, policy }: { estateId: string; policy: TPolicy }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [required, setRequired] = useState(policy.approvalPolicy.requiredApprovals);
  const [roles, setRoles] = useState<TRoleKey[]>(policy.approvalPolicy.approverRoles as TRoleKey[]);
  const [allowCreatorRole, setAllowCreatorRole] = useState(policy.approvalPolicy.allowCreatorRole);
  const [years, setYears] = useState(policy.retentionYears);
  const save = useMutation(
    trpc.snapshots.setEvidencePolicy.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.snapshots.evidencePolicy.queryKey({ estateId }) }),
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ estateId, requiredApprovals: required, approverRoles: roles, allowCreatorRole, retentionYears: years });
  };
  return (
    <form onSubmit={submit} className="stack" style={{ gap: 6, maxWidth: 640 }}>
      <div className="row" style={{ gap: 12 }}>
        <div>
          <label htmlFor="required-approvals">Approvals required</label>
          <input
            id="required-approvals"
            type="number"
            min={1}
            max={10}
            value={required}
            onChange={(e) => setRequired(Number(e.target.value))}
          />
        </div>
        <div>
          <label htmlFor="retention-years">Retention (years)</label>
          <input id="retention-years" type="number" min={1} max={100} value={years} onChange={(e) => setYears(Number(e.target.value))} />
        </div>
      </div>
      <fieldset>
        <legend>Roles whose approval counts</legend>
        {ROLES.map(([key, label]) => (
          <label key={key} style={{ marginRight: 12 }}>
            <input
              type="checkbox"
              checked={roles.includes(key)}
              onChange={(e) => setRoles(e.target.checked ? [...roles, key] : roles.filter((r) => r !== key))}
            />{" "}
            {label}
          </label>
        ))}
      </fieldset>
      <label>
        <input type="checkbox" checked={allowCreatorRole} onChange={(e) => setAllowCreatorRole(e.target.checked)} /> People with the
        creator&apos;s role may approve
      </label>
      <div>
        <button type="submit" className="btn secondary" disabled={save.isPending || roles.length === 0}>
          {save.isPending ? "Saving…" : "Save as a new policy version"}
        </button>
      </div>
      {save.error ? <ErrorAlert error={save.error} /> : null}
    </form>
  );
}
