"use client";
/** One snapshot opened: sealed content, downloads, approvals and verification of the stored bundle. */
import { PART_LABELS, type TSnapshot } from "./snapshot-format.ts";
import { SnapshotApprovals } from "./snapshot-approvals.tsx";
import { VerifyStoredBundle } from "./verify-stored-bundle.tsx";

export function SnapshotDetail({ estateId, snapshot: s }: { estateId: string; snapshot: TSnapshot }) {
  const base = `/api/estates/${estateId}/snapshots/${s.id}`;
  const policyFrozen = s.parts.find((p) => p.part === "policy")?.provided === true;
  return (
    <div className="stack" style={{ padding: "8px 4px" }}>
      {s.chain.state !== "ok" ? (
        <div className="alert error" role="alert">
          Snapshot #{s.sequence}: {s.chain.reason}
        </div>
      ) : null}
      <div className="grid cols-2">
        <div className="stack" style={{ gap: 6 }}>
          <h3>Sealed content</h3>
          <div>
            Merkle root{" "}
            <span className="mono" style={{ wordBreak: "break-all" }}>
              {s.merkleRoot}
            </span>
          </div>
          <div>
            Previous root{" "}
            <span className="mono" style={{ wordBreak: "break-all" }}>
              {s.previousRoot ?? "none (first snapshot)"}
            </span>
          </div>
          <div>
            {s.files} input file{s.files === 1 ? "" : "s"}
            {s.rules !== null ? `, ${s.rules.toLocaleString("de-CH")} rules` : ""} · {s.verdict.sentence}
          </div>
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {s.parts.map((p) => (
              <li key={p.part}>
                {PART_LABELS[p.part] ?? p.part}: {p.provided ? "frozen" : <span className="muted">not provided — {p.reason}</span>}
              </li>
            ))}
          </ul>
        </div>
        <div className="stack" style={{ gap: 6 }}>
          <h3>Downloads</h3>
          <div className="row">
            <a className="btn secondary" href={`${base}/bundle.zip`} download>
              Evidence bundle (ZIP)
            </a>
            <a className="btn secondary" href={`${base}/report.pdf`} download>
              Report (PDF)
            </a>
          </div>
          {policyFrozen ? (
            <div className="row">
              <a className="btn secondary" href={`${base}/rules.csv`} download>
                Rule table (CSV)
              </a>
              <a className="btn secondary" href={`${base}/rules.xlsx`} download>
                Rule table (XLSX)
              </a>
            </div>
          ) : null}
          <p className="muted" style={{ margin: 0 }}>
            The bundle contains the parts, manifests, signatures, public key, approvals, the report and a README with offline verification
            steps. Spreadsheet cells are escaped against formula injection.
          </p>
        </div>
      </div>
      <SnapshotApprovals estateId={estateId} snapshot={s} />
      <VerifyStoredBundle estateId={estateId} snapshotId={s.id} sequence={s.sequence} />
    </div>
  );
}
