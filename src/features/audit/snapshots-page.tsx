"use client";
/**
 * Audit snapshots of an estate (issue 7): the installation's public key, the hash chain's state (a broken
 * chain is shown loudly), creating a snapshot (security engineers and admins; shows what will be frozen),
 * the list with verdict, approvals and chain status, four-eyes approval (never the creator), downloads
 * (bundle ZIP, PDF, CSV/XLSX rule table), verification of the stored or an uploaded bundle, and the semantic
 * diff. The server enforces every rule independently of what this page shows.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState, type FormEvent } from "react";
import type { AppRouter } from "../../server/api/root.ts";
import { useTRPC } from "../../trpc/client.tsx";
import { Badge, EmptyState, ErrorAlert, LoadingBlock, PageHeader } from "../../ui/components.tsx";
import { canEditEstate, useCurrentUser, type TCurrentUser } from "../shell/current-user.tsx";
import { SnapshotDiff } from "./snapshot-diff.tsx";
import { VerificationResult } from "./verification-checks.tsx";

type TList = inferRouterOutputs<AppRouter>["snapshots"]["list"];
type TSnapshot = TList["snapshots"][number];

const PART_LABELS: Record<string, string> = {
  policy: "Normalised policy + resolved membership",
  mappingProfile: "Mapping profile",
  manifests: "Emitted manifests",
  equivalence: "Equivalence result",
  lint: "Lint results",
  engine: "Engine version + semantics digest",
};

/** Approving is a sign-off, the one write an auditor may make; architects do not approve. */
export function canApproveSnapshots(user: TCurrentUser): boolean {
  return user.role === "admin" || user.role === "security_engineer" || user.role === "auditor";
}

function when(date: Date | string): string {
  return new Date(date).toLocaleString("de-CH", { dateStyle: "medium", timeStyle: "short" });
}

function shortHash(hex: string): string {
  return `${hex.slice(0, 12)}…${hex.slice(-6)}`;
}

function VerdictBadge({ word }: { word: string }) {
  const tone = word === "EQUIVALENT" ? "ok" : word === "NOT EQUIVALENT" ? "bad" : "neutral";
  return <Badge tone={tone}>{word.toLowerCase()}</Badge>;
}

export function SnapshotsPage({ estateId }: { estateId: string }) {
  const user = useCurrentUser();
  const trpc = useTRPC();
  const list = useQuery(trpc.snapshots.list.queryOptions({ estateId }));
  return (
    <>
      <PageHeader
        title="Audit snapshots"
        subtitle="Signed, hash-chained, tamper-evident records of the policy, its translation and the equivalence proof. Auditors verify them offline with npx parity snapshot verify."
      />
      <div className="stack">
        <PublicKeyCard estateId={estateId} />
        {canEditEstate(user) ? (
          <CreateSnapshot estateId={estateId} chainBroken={list.data ? !list.data.chain.ok : false} />
        ) : (
          <div className="alert info">
            Your role reviews, approves, downloads and verifies snapshots; creating them is for security engineers.
          </div>
        )}
        <section className="card stack" aria-labelledby="snapshots-heading">
          <h2 id="snapshots-heading">Snapshots</h2>
          {list.isPending ? <LoadingBlock label="Loading snapshots and verifying the chain" /> : null}
          {list.error ? <ErrorAlert error={list.error} /> : null}
          {list.data ? <ChainBanner chain={list.data.chain} count={list.data.snapshots.length} /> : null}
          {list.data && list.data.snapshots.length === 0 ? (
            <EmptyState title="No snapshots yet">
              <p className="muted" style={{ margin: 0 }}>
                {canEditEstate(user)
                  ? "Create the first snapshot above once the estate is imported (and, ideally, translated and verified)."
                  : "A security engineer creates the first snapshot; it will appear here for your review."}
              </p>
            </EmptyState>
          ) : null}
          {list.data && list.data.snapshots.length > 0 ? <SnapshotTable estateId={estateId} snapshots={list.data.snapshots} /> : null}
        </section>
        {list.data && list.data.snapshots.length > 0 ? (
          <section className="card stack" aria-labelledby="diff-heading">
            <h2 id="diff-heading">Semantic diff</h2>
            <SnapshotDiff estateId={estateId} snapshots={list.data.snapshots.map((s) => ({ id: s.id, sequence: s.sequence }))} />
          </section>
        ) : null}
        <UploadVerify estateId={estateId} />
      </div>
    </>
  );
}

function ChainBanner({ chain, count }: { chain: TList["chain"]; count: number }) {
  if (count === 0) return null;
  if (chain.ok) {
    return (
      <div className="alert ok" role="status" data-testid="chain-status">
        <strong>Chain intact.</strong> {chain.summary} (checked just now, on this read).
      </div>
    );
  }
  return (
    <div className="alert error" role="alert" data-testid="chain-status" style={{ borderWidth: 2 }}>
      <strong>TAMPERING DETECTED — the hash chain is broken.</strong>
      <div>{chain.summary}</div>
      <div>
        Do not rely on snapshots from #{chain.firstBrokenSequence} on. Report this to your security officer; the database rows cannot be
        edited through Parity, so the change was made beneath it.
      </div>
    </div>
  );
}

function PublicKeyCard({ estateId }: { estateId: string }) {
  const trpc = useTRPC();
  const key = useQuery({ ...trpc.snapshots.publicKey.queryOptions({ estateId }), staleTime: Infinity });
  return (
    <section className="card stack" aria-labelledby="key-heading">
      <h2 id="key-heading">Installation signing key</h2>
      {key.isPending ? <LoadingBlock lines={2} label="Loading the public key" /> : null}
      {key.error ? <ErrorAlert error={key.error} /> : null}
      {key.data ? (
        <>
          <dl className="grid cols-2" style={{ margin: 0 }}>
            <div>
              <dt className="stat-label">Fingerprint ({key.data.algorithm})</dt>
              <dd className="mono" style={{ margin: 0 }} data-testid="key-fingerprint">
                {key.data.fingerprint}
              </dd>
            </div>
            <div>
              <dt className="stat-label">Key id (SHA-256 of the SPKI)</dt>
              <dd className="mono" style={{ margin: 0, wordBreak: "break-all" }}>
                {key.data.keyId}
              </dd>
            </div>
          </dl>
          <details>
            <summary>Public key (SPKI PEM) — pin it with --pubkey</summary>
            <pre className="mono" style={{ background: "var(--surface-2)", padding: 10, borderRadius: 6 }}>
              {key.data.publicKeyPem}
            </pre>
            <a
              className="btn secondary"
              download="parity-signing-key.pub"
              href={`data:application/x-pem-file;charset=utf-8,${encodeURIComponent(key.data.publicKeyPem)}`}
            >
              Download public key
            </a>
          </details>
        </>
      ) : null}
    </section>
  );
}

function CreateSnapshot({ estateId, chainBroken }: { estateId: string; chainBroken: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const preview = useQuery({ ...trpc.snapshots.preview.queryOptions({ estateId }), enabled: open, staleTime: 0 });
  const create = useMutation(
    trpc.snapshots.create.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        await queryClient.invalidateQueries({ queryKey: trpc.snapshots.list.queryKey({ estateId }) });
      },
    }),
  );
  return (
    <section className="card stack" aria-labelledby="create-heading">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 id="create-heading" style={{ margin: 0 }}>
          New snapshot
        </h2>
        {!open ? (
          <button type="button" className="btn" onClick={() => setOpen(true)} disabled={chainBroken}>
            Create snapshot…
          </button>
        ) : null}
      </div>
      {chainBroken ? <p className="muted">Creating snapshots is blocked while the chain is broken.</p> : null}
      {create.data && !open ? (
        <div className="alert ok" role="status">
          Snapshot #{create.data.sequence} sealed and signed · Merkle root <span className="mono">{create.data.merkleRoot}</span>
        </div>
      ) : null}
      {open ? (
        <div className="stack" data-testid="snapshot-preview">
          {preview.isPending ? <LoadingBlock label="Collecting what will be frozen" /> : null}
          {preview.error ? <ErrorAlert error={preview.error} /> : null}
          {preview.data ? (
            <>
              <p style={{ margin: 0 }}>
                Snapshot <strong>#{preview.data.nextSequence}</strong> will freeze estate version {preview.data.estateVersion}
                {preview.data.previousRoot ? (
                  <>
                    {" "}
                    and chain to #{preview.data.nextSequence - 1} (root <span className="mono">{shortHash(preview.data.previousRoot)}</span>
                    )
                  </>
                ) : (
                  " as the first link of this estate's chain"
                )}
                , signed with key <span className="mono">{preview.data.key.fingerprint}</span>. Verdict now:{" "}
                <VerdictBadge word={preview.data.verdict.word} />
              </p>
              <table className="data">
                <caption className="sr-only">Raw input files to be frozen</caption>
                <thead>
                  <tr>
                    <th scope="col">Input file</th>
                    <th scope="col">Format</th>
                    <th scope="col">Size</th>
                    <th scope="col">SHA-256</th>
                    <th scope="col">Counts</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.data.files.map((f) => (
                    <tr key={f.name}>
                      <td className="mono">{f.name}</td>
                      <td>{f.format}</td>
                      <td>{f.size.toLocaleString("de-CH")} B</td>
                      <td className="mono" title={f.sha256}>
                        {shortHash(f.sha256)}
                      </td>
                      <td>
                        {f.counts
                          .map((c) => `${c.imported.toLocaleString("de-CH")} of ${c.total.toLocaleString("de-CH")} ${c.kind}`)
                          .join(", ") || "—"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <ul className="stack" style={{ listStyle: "none", padding: 0, margin: 0, gap: 4 }}>
                {preview.data.parts.map((p) => (
                  <li key={p.part}>
                    {p.provided ? <Badge tone="ok">frozen</Badge> : <Badge tone="warn">not provided</Badge>} {PART_LABELS[p.part] ?? p.part}
                    {p.part === "policy" && p.provided && preview.data.rules !== null
                      ? ` (${preview.data.rules.toLocaleString("de-CH")} rules)`
                      : ""}
                    {p.part === "engine" && preview.data.engine ? (
                      <span className="muted">
                        {" "}
                        — {preview.data.engine.version}, <span className="mono">{preview.data.engine.semanticsDigest.slice(0, 23)}…</span>
                      </span>
                    ) : null}
                    {p.reason ? <span className="muted"> — {p.reason}</span> : null}
                  </li>
                ))}
              </ul>
              <p className="muted" style={{ margin: 0 }}>
                Parts not provided are sealed as such, with the reason: the report says so instead of showing an invented result. Once
                sealed, nothing can change it.
              </p>
              <div className="row">
                <button type="button" className="btn" disabled={create.isPending} onClick={() => create.mutate({ estateId })}>
                  {create.isPending ? "Sealing and signing…" : `Seal and sign snapshot #${preview.data.nextSequence}`}
                </button>
                <button type="button" className="btn secondary" disabled={create.isPending} onClick={() => setOpen(false)}>
                  Cancel
                </button>
              </div>
            </>
          ) : null}
          {create.error ? <ErrorAlert error={create.error} /> : null}
        </div>
      ) : null}
    </section>
  );
}

function ChainBadge({ chain }: { chain: TSnapshot["chain"] }) {
  if (chain.state === "ok") return <Badge tone="ok">chain ok</Badge>;
  return (
    <span title={chain.reason}>
      <Badge tone="bad">{chain.state === "broken" ? "BROKEN" : "unverified"}</Badge>
    </span>
  );
}

function SnapshotTable({ estateId, snapshots }: { estateId: string; snapshots: TSnapshot[] }) {
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
          <VerdictBadge word={s.verdict.word} />
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

function SnapshotDetail({ estateId, snapshot: s }: { estateId: string; snapshot: TSnapshot }) {
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
      <Approvals estateId={estateId} snapshot={s} />
      <VerifyStored estateId={estateId} snapshotId={s.id} sequence={s.sequence} />
    </div>
  );
}

function Approvals({ estateId, snapshot: s }: { estateId: string; snapshot: TSnapshot }) {
  const user = useCurrentUser();
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
      {!canApproveSnapshots(user) ? null : isCreator ? (
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

function VerifyStored({ estateId, snapshotId, sequence }: { estateId: string; snapshotId: string; sequence: number }) {
  const trpc = useTRPC();
  const [run, setRun] = useState(false);
  const verify = useQuery({ ...trpc.snapshots.verify.queryOptions({ estateId, snapshotId }), enabled: run, staleTime: 0 });
  return (
    <section className="stack" style={{ gap: 6 }} aria-labelledby={`verify-${snapshotId}`}>
      <h3 id={`verify-${snapshotId}`}>Verification</h3>
      <div className="row">
        <button
          type="button"
          className="btn secondary"
          onClick={() => (run ? void verify.refetch() : setRun(true))}
          disabled={verify.isFetching}
        >
          {verify.isFetching ? "Verifying…" : `Verify stored bundle #${sequence}`}
        </button>
        <span className="muted">
          The same checks as npx parity snapshot verify, pinned to this installation&apos;s key and to the chain.
        </span>
      </div>
      <div aria-live="polite">
        {verify.error ? <ErrorAlert error={verify.error} /> : null}
        {verify.data ? (
          <VerificationResult
            title={`stored bundle of snapshot #${sequence}`}
            ok={verify.data.ok}
            checks={verify.data.checks}
            merkleRoot={verify.data.merkleRoot}
          />
        ) : null}
      </div>
    </section>
  );
}

function UploadVerify({ estateId }: { estateId: string }) {
  const trpc = useTRPC();
  const [file, setFile] = useState<File | null>(null);
  const verify = useMutation(trpc.snapshots.verifyUpload.mutationOptions());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    const form = new FormData();
    form.set("estateId", estateId);
    form.set("bundle", file, file.name);
    verify.mutate(form);
  };
  return (
    <section className="card stack" aria-labelledby="upload-verify-heading">
      <h2 id="upload-verify-heading">Verify a bundle you hold</h2>
      <p className="muted" style={{ margin: 0 }}>
        Upload an evidence bundle ZIP (e.g. the copy in your audit file). Parity checks every hash, the Merkle root, both signatures against
        this installation&apos;s key, the approvals and the chain link, and whether it matches the snapshot stored here.
      </p>
      <form onSubmit={submit} className="row">
        <div>
          <label htmlFor="verify-bundle">Bundle ZIP</label>
          <input id="verify-bundle" type="file" accept=".zip,application/zip" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <button type="submit" className="btn" disabled={!file || verify.isPending}>
          {verify.isPending ? "Verifying…" : "Verify bundle"}
        </button>
      </form>
      <div aria-live="polite">
        {verify.error ? <ErrorAlert error={verify.error} /> : null}
        {verify.data ? (
          <VerificationResult
            title={file?.name ?? "uploaded bundle"}
            ok={verify.data.ok}
            checks={verify.data.checks}
            merkleRoot={verify.data.merkleRoot}
          />
        ) : null}
      </div>
    </section>
  );
}
