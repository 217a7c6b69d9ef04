"use client";
/**
 * Audit snapshots of an estate (issue 7): the installation's public key, the hash chain's state (a broken
 * chain is shown loudly), creating a snapshot (security engineers and admins; shows what will be frozen),
 * the list with verdict, approvals and chain status, four-eyes approval (never the creator), downloads
 * (bundle ZIP, PDF, CSV/XLSX rule table), verification of the stored or an uploaded bundle, and the semantic
 * diff. The server enforces every rule independently of what this page shows.
 */
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../trpc/client.tsx";
import { EmptyState, ErrorAlert, LoadingBlock, PageHeader } from "../../ui/components.tsx";
import { useEstateCan } from "../estates/estate-scope.tsx";
import { ChainBanner } from "./chain-banner.tsx";
import { CreateSnapshot } from "./create-snapshot.tsx";
import { PublicKeyCard } from "./public-key-card.tsx";
import { SnapshotDiff } from "./snapshot-diff.tsx";
import { SnapshotTable } from "./snapshot-table.tsx";
import { VerifyUploadedBundle } from "./verify-uploaded-bundle.tsx";

export function SnapshotsPage({ estateId }: { estateId: string }) {
  const canCreate = useEstateCan("changeEstateData");
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
        {canCreate ? (
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
                {canCreate
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
        <VerifyUploadedBundle estateId={estateId} />
      </div>
    </>
  );
}
