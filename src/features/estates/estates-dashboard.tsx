"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "../../trpc/client.tsx";
import { Badge, EmptyState, ErrorAlert, LoadingBlock, PageHeader } from "../../ui/components.tsx";
import { SeverityCounts } from "../../ui/severity.tsx";
import { RulesByCategoryChart } from "./rules-chart.tsx";

function formatDate(value: Date | string) {
  return new Date(value).toLocaleString("de-CH", { dateStyle: "medium", timeStyle: "short" });
}

export function EstatesDashboard() {
  const trpc = useTRPC();
  const [includeArchived, setIncludeArchived] = useState(false);
  const estates = useQuery(trpc.estates.list.queryOptions({ includeArchived }));
  return (
    <>
      <PageHeader
        title="Estates"
        subtitle="Each estate is one bank's NSX environment and its migration to OpenShift Virtualization."
        actions={
          <label className="chip">
            <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} /> Show archived
          </label>
        }
      />
      {estates.isPending ? <LoadingBlock /> : null}
      {estates.error ? <ErrorAlert error={estates.error} /> : null}
      {estates.data && estates.data.length === 0 ? (
        <div className="card">
          <EmptyState title="No estates yet">You are not a member of any estate. Ask an administrator for access.</EmptyState>
        </div>
      ) : null}
      <div className="grid cols-2">
        {estates.data?.map((estate) => {
          const counts = (estate.latestImport?.counts ?? null) as Record<string, number> | null;
          return (
            <article className="card stack" key={estate.id} data-testid="estate-card">
              <div className="row" style={{ justifyContent: "space-between" }}>
                <h2 style={{ margin: 0 }}>
                  <Link href={`/estates/${estate.id}`}>{estate.name}</Link> {estate.archivedAt ? <Badge tone="warn">archived</Badge> : null}
                </h2>
                {estate.latestVerification ? (
                  estate.latestVerification.equivalent ? (
                    <Badge tone="ok">Equivalent</Badge>
                  ) : (
                    <Badge tone="bad">Differences found</Badge>
                  )
                ) : (
                  <Badge>Not verified</Badge>
                )}
              </div>
              <p className="muted" style={{ margin: 0 }}>
                {estate.description}
              </p>
              <div className="grid cols-4">
                <div>
                  <div className="stat">{counts?.rules ?? "–"}</div>
                  <div className="stat-label">rules</div>
                </div>
                <div>
                  <div className="stat">{counts?.vms ?? "–"}</div>
                  <div className="stat-label">VMs</div>
                </div>
                <div>
                  <div className="stat">{counts?.groups ?? "–"}</div>
                  <div className="stat-label">groups</div>
                </div>
                <div>
                  <div className="stat">{estate.snapshotCount}</div>
                  <div className="stat-label">snapshots</div>
                </div>
              </div>
              {estate.rulesByCategory ? <RulesByCategoryChart data={estate.rulesByCategory} height={170} /> : null}
              <dl className="kv" style={{ fontSize: 13 }}>
                <dt>Import</dt>
                <dd>
                  {estate.latestImport ? `v${estate.latestImport.version} · ${formatDate(estate.latestImport.createdAt)}` : "none yet"}
                </dd>
                <dt>Translation</dt>
                <dd>
                  {estate.latestTranslation
                    ? `${formatDate(estate.latestTranslation.createdAt)}${estate.latestTranslation.importVersion !== null ? ` · of import v${estate.latestTranslation.importVersion}` : ""}`
                    : "not translated"}
                </dd>
                <dt>Verification</dt>
                <dd>
                  {estate.latestVerification
                    ? `${estate.latestVerification.equivalent ? "equivalent" : "differences"} · ${formatDate(estate.latestVerification.createdAt)}`
                    : "not verified"}
                </dd>
                <dt>Findings</dt>
                <dd>{estate.latestTranslation ? <SeverityCounts counts={estate.latestTranslation.findingsBySeverity} /> : "–"}</dd>
              </dl>
            </article>
          );
        })}
      </div>
    </>
  );
}
