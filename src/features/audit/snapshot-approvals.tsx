"use client";
/** Four-eyes approval of one snapshot: who signed it off, and the form for whoever may approve it next. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "../../trpc/client.tsx";
import { Badge, ErrorAlert } from "../../ui/components.tsx";
import { useEstateCan } from "../estates/estate-scope.tsx";
import { useCurrentUser } from "../shell/current-user.tsx";
import { when, type TSnapshot } from "./snapshot-format.ts";

export function SnapshotApprovals({ estateId, snapshot: s }: { estateId: string; snapshot: TSnapshot }) {
  const user = useCurrentUser();
  const canApprove = useEstateCan("approveSnapshot");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState("");
  const approve = useMutation(
    trpc.snapshots.approve.mutationOptions({
      onSuccess: async () => {
        setComment("");
        await queryClient.invalidateQueries({ queryKey: trpc.snapshots.list.queryKey({ estateId }) });
      },
    }),
  );
  const isCreator = s.createdBy.id === user.id;
  const alreadyApproved = s.approvals.some((a) => a.approvedBy.id === user.id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    approve.mutate({ estateId, snapshotId: s.id, comment });
  };
  return (
    <section className="stack" style={{ gap: 6 }} aria-labelledby={`approvals-${s.id}`}>
      <h3 id={`approvals-${s.id}`}>Approvals (four-eyes)</h3>
      {s.approvals.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          No one has signed this snapshot off yet.
        </p>
      ) : null}
      {s.approvals.length > 0 ? (
        <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="approval-list">
          {s.approvals.map((a) => (
            <li key={a.id}>
              {a.signatureValid ? <Badge tone="ok">signature valid</Badge> : <Badge tone="bad">INVALID: {a.problem}</Badge>}{" "}
              <strong>{a.approvedBy.name || a.approvedBy.email}</strong> ({a.approvedBy.email}), {when(a.createdAt)}
              {a.comment ? <>: “{a.comment}”</> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {!canApprove ? null : isCreator ? (
        <p className="muted" style={{ margin: 0 }} data-testid="creator-cannot-approve">
          You created this snapshot, so you cannot approve it: a second person must sign it off.
        </p>
      ) : alreadyApproved ? (
        <p className="muted" style={{ margin: 0 }}>
          You have approved this snapshot.
        </p>
      ) : s.chain.state !== "ok" ? (
        <p className="muted" style={{ margin: 0 }}>
          A snapshot that does not verify cannot be approved.
        </p>
      ) : (
        <form onSubmit={submit} className="stack" style={{ gap: 6, maxWidth: 640 }}>
          <div>
            <label htmlFor={`approve-comment-${s.id}`}>Approval comment</label>
            <textarea
              id={`approve-comment-${s.id}`}
              rows={2}
              maxLength={2000}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              placeholder="e.g. Reviewed against change CHG-1042; differences accepted"
            />
            <div className="field">
              <span className="hint">Your approval is signed with the installation key and bound to this Merkle root.</span>
            </div>
          </div>
          <div>
            <button type="submit" className="btn" disabled={approve.isPending}>
              {approve.isPending ? "Signing…" : `Approve snapshot #${s.sequence}`}
            </button>
          </div>
          {approve.error ? <ErrorAlert error={approve.error} /> : null}
        </form>
      )}
    </section>
  );
}
