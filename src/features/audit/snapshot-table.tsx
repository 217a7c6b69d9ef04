"use client";
/** The snapshots, newest first: verdict, approvals and chain state per row; a row opens its details. */
import { useState } from "react";
import { EquivalenceWordBadge } from "../../ui/badges.tsx";
import { Badge } from "../../ui/components.tsx";
import { SnapshotDetail } from "./snapshot-detail.tsx";
import { shortHash, when, type TSnapshot } from "./snapshot-format.ts";

function ChainBadge({ chain }: { chain: TSnapshot["chain"] }) {
  if (chain.state === "ok") return <Badge tone="ok">chain ok</Badge>;
  return (
    <span title={chain.reason}>
      <Badge tone="bad">{chain.state === "broken" ? "BROKEN" : "unverified"}</Badge>
    </span>
  );
}

export function SnapshotTable({ estateId, snapshots }: { estateId: string; snapshots: TSnapshot[] }) {
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <table className="data" data-testid="snapshot-table">
      <caption className="sr-only">Snapshots of this estate, newest first</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Created</th>
          <th scope="col">Merkle root</th>
          <th scope="col">Verdict</th>
          <th scope="col">Approvals</th>
          <th scope="col">Chain</th>
          <th scope="col">
            <span className="sr-only">Details</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {snapshots.map((s) => (
          <SnapshotRow
            key={s.id}
            estateId={estateId}
            snapshot={s}
            open={selected === s.id}
            onToggle={() => setSelected(selected === s.id ? null : s.id)}
          />
        ))}
      </tbody>
    </table>
  );
}

function SnapshotRow({
  estateId,
  snapshot: s,
  open,
  onToggle,
}: {
  estateId: string;
  snapshot: TSnapshot;
  open: boolean;
  onToggle: () => void;
}) {
  const valid = s.approvals.filter((a) => a.signatureValid).length;
  return (
    <>
      <tr data-testid={`snapshot-row-${s.sequence}`}>
        <td>
          <strong>#{s.sequence}</strong>
        </td>
        <td>
          {when(s.createdAt)}
          <div className="muted">{s.createdBy.name || s.createdBy.email}</div>
        </td>
        <td className="mono" title={s.merkleRoot}>
          {shortHash(s.merkleRoot)}
        </td>
        <td>
          <EquivalenceWordBadge word={s.verdict.word} />
        </td>
        <td>
          {s.approvals.length === 0 ? (
            <Badge tone="warn">awaiting approval</Badge>
          ) : (
            <Badge tone={valid === s.approvals.length ? "ok" : "bad"}>{`${valid} approval${valid === 1 ? "" : "s"}`}</Badge>
          )}
        </td>
        <td>
          <ChainBadge chain={s.chain} />
        </td>
        <td>
          <button type="button" className="btn secondary" aria-expanded={open} aria-controls={`snapshot-detail-${s.id}`} onClick={onToggle}>
            {open ? "Close" : "Open"}
            <span className="sr-only"> snapshot #{s.sequence}</span>
          </button>
        </td>
      </tr>
      {open ? (
        <tr id={`snapshot-detail-${s.id}`}>
          <td colSpan={7} style={{ background: "var(--surface-2)" }}>
            <SnapshotDetail estateId={estateId} snapshot={s} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
