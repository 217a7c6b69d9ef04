"use client";
/**
 * Change records of one snapshot (segregation of duties): the policy sealed with it, each signed decision
 * (role, change reference, approve or reject, reason, scope, whether it counts), and the decision form for
 * whoever the policy lets decide next.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "../../trpc/client.tsx";
import { Badge, ErrorAlert } from "../../ui/components.tsx";
import { useEstateCan } from "../estates/estate-scope.tsx";
import { useCurrentUser } from "../shell/current-user.tsx";
import { when, type TSnapshot } from "./snapshot-format.ts";

const ROLE_WORDS: Record<string, string> = {
  admin: "admin",
  security_engineer: "security engineer",
  auditor: "auditor",
  architect: "architect",
};
const roleWord = (role: string) => ROLE_WORDS[role] ?? role;

export function ApprovalStatusBadge({ status }: { status: TSnapshot["approvalStatus"] }) {
  const tone = status.state === "approved" ? "ok" : status.state === "rejected" ? "bad" : "warn";
  const word = status.state === "approved" ? "approved" : status.state === "rejected" ? "rejected" : "awaiting approval";
  return (
    <Badge tone={tone}>
      {word} ({status.approvals}/{status.required})
    </Badge>
  );
}

export function SnapshotApprovals({ estateId, snapshot: s }: { estateId: string; snapshot: TSnapshot }) {
  const user = useCurrentUser();
  const canApprove = useEstateCan("approveSnapshot");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [changeRef, setChangeRef] = useState("");
  const [reason, setReason] = useState("");
  const decide = useMutation(
    trpc.snapshots.decide.mutationOptions({
      onSuccess: async () => {
        setChangeRef("");
        setReason("");
        await queryClient.invalidateQueries({ queryKey: trpc.snapshots.list.queryKey({ estateId }) });
      },
    }),
  );
  const g = s.governance;
  const isCreator = s.createdBy.id === user.id;
  const alreadyDecided = s.approvals.some((a) => a.approvedBy.id === user.id);
  const roleAllowed = !g || (g.approverRoles as string[]).includes(user.role);
  const sameRoleBlocked = !!g && !g.allowCreatorRole && g.creatorRole === user.role;
  const submit = (decision: "approve" | "reject") => (event: FormEvent) => {
    event.preventDefault();
    decide.mutate({ estateId, snapshotId: s.id, decision, changeRef, reason });
  };
  return (
    <section className="stack" style={{ gap: 6 }} aria-labelledby={`approvals-${s.id}`}>
      <h3 id={`approvals-${s.id}`}>
        Change records <ApprovalStatusBadge status={s.approvalStatus} />
      </h3>
      <p className="muted" style={{ margin: 0 }} data-testid="approval-policy">
        {s.approvalStatus.summary}.{" "}
        {g
          ? `Policy sealed with this snapshot: ${g.requiredApprovals} approval(s) from ${g.approverRoles.map(roleWord).join(", ")}; never the creator${g.allowCreatorRole ? "" : `, nor another ${roleWord(g.creatorRole)}`}. A rejection blocks the snapshot. Retained ${g.retentionYears} years, until ${when(g.retainUntil)}.`
          : "Sealed before approval policies: the default policy applies (one approval, not the creator)."}
      </p>
      {s.approvals.length > 0 ? (
        <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="approval-list">
          {s.approvals.map((a) => (
            <li key={a.id}>
              {a.signatureValid ? null : <Badge tone="bad">INVALID: {a.problem}</Badge>}{" "}
              <Badge tone={a.decision === "approve" ? "ok" : "bad"}>{a.decision === "approve" ? "approved" : "rejected"}</Badge>{" "}
              <strong>{a.approvedBy.name || a.approvedBy.email}</strong> ({a.approvedBy.email}, {a.roleLabel}), {when(a.createdAt)}
              {a.changeRef ? <> · change {a.changeRef}</> : null}
              {a.comment ? <>: “{a.comment}”</> : null}
              {a.scope ? <span className="muted"> · covers {a.scope.join(", ")}</span> : null}
              {a.signatureValid && !a.counts ? <span className="muted"> · does not count: {a.notCountedBecause}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {!canApprove ? null : isCreator ? (
        <p className="muted" style={{ margin: 0 }} data-testid="creator-cannot-approve">
          You created this snapshot, so you cannot decide on it: a second person must sign it off.
        </p>
      ) : alreadyDecided ? (
        <p className="muted" style={{ margin: 0 }}>
          You have recorded your decision on this snapshot.
        </p>
      ) : !roleAllowed || sameRoleBlocked ? (
        <p className="muted" style={{ margin: 0 }} data-testid="role-cannot-approve">
          This estate&apos;s approval policy does not let a {roleWord(user.role)} decide on this snapshot
          {sameRoleBlocked ? " (same role as its creator)" : ""}.
        </p>
      ) : s.chain.state !== "ok" ? (
        <p className="muted" style={{ margin: 0 }}>
          A snapshot that does not verify cannot be approved.
        </p>
      ) : s.approvalStatus.state === "rejected" ? null : (
        <form onSubmit={submit("approve")} className="stack" style={{ gap: 6, maxWidth: 640 }}>
          <div>
            <label htmlFor={`change-ref-${s.id}`}>Change or ticket reference</label>
            <input
              id={`change-ref-${s.id}`}
              required
              maxLength={200}
              value={changeRef}
              onChange={(e) => setChangeRef(e.target.value)}
              placeholder="e.g. CHG-1042"
            />
          </div>
          <div>
            <label htmlFor={`approve-reason-${s.id}`}>Reason</label>
            <textarea
              id={`approve-reason-${s.id}`}
              rows={2}
              required
              maxLength={4000}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder="e.g. Differences reviewed with the application owners; findings accepted"
            />
            <div className="field">
              <span className="hint">
                Your decision covers every sealed part (
                {s.parts
                  .filter((p) => p.provided)
                  .map((p) => p.part)
                  .join(", ")}
                ), is signed with the installation key and bound to this Merkle root.
              </span>
            </div>
          </div>
          <div className="row" style={{ gap: 8 }}>
            <button type="submit" className="btn" disabled={decide.isPending || !changeRef.trim() || !reason.trim()}>
              {decide.isPending ? "Signing…" : `Approve snapshot #${s.sequence}`}
            </button>
            <button
              type="button"
              className="btn danger"
              disabled={decide.isPending || !changeRef.trim() || !reason.trim()}
              onClick={submit("reject")}
            >
              Reject
            </button>
          </div>
          {decide.error ? <ErrorAlert error={decide.error} /> : null}
        </form>
      )}
    </section>
  );
}
