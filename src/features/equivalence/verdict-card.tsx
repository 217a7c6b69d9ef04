"use client";
/** The verdict card: equivalent or not, how many flow classes differ, what was compared and when. */
import { countsOfStoredVerification, verdictOf } from "../../audit/verdict.ts";
import type { TVerificationOverview } from "../../server/services/verification.ts";
import { Badge } from "../../ui/components.tsx";
import { Stat } from "../../ui/stat.tsx";

export function Verdict({ result, stale, createdAt }: { result: TVerificationOverview; stale: boolean; createdAt: Date | string }) {
  // The one vocabulary of src/audit/verdict.ts: the same words as `parity verify`, the snapshot and its report.
  const v = verdictOf(countsOfStoredVerification(result));
  const verdict = v.title;
  const tone = v.kind === "equivalent" ? "ok" : v.kind === "equivalent-except" ? "info" : "error";
  return (
    <section className="card stack" aria-labelledby="verdict-heading" data-testid="verdict">
      <div className={`alert ${tone}`} role="status">
        <h2 id="verdict-heading" style={{ margin: 0 }}>
          {verdict}
        </h2>
        {result.differenceCount > 0 ? (
          <div>
            {result.differenceCount.toLocaleString("en")} differing flow class{result.differenceCount === 1 ? "" : "es"}:{" "}
            {result.unexplained.toLocaleString("en")} not explained by a finding
            {result.unexplainedByFamily && result.unexplained > 0
              ? ` (IPv4: ${result.unexplainedByFamily[4].toLocaleString("en")}, IPv6: ${result.unexplainedByFamily[6].toLocaleString("en")})`
              : ""}
            {result.truncated
              ? ` (only the first ${(result.detailedCount ?? result.listedDifferences).toLocaleString("en")} could be classified)`
              : ""}
            .
          </div>
        ) : (
          <div>No flow class differs.</div>
        )}
      </div>
      <div className="grid cols-4">
        <Stat value={`${result.stats.matchedVms}/${result.stats.vms}`} label="VMs matched to Kubernetes" />
        <Stat value={String(result.stats.commonVmClasses)} label="common VM classes" />
        <Stat value={String(result.stats.externalAtoms)} label="external address blocks" />
        <Stat value={result.stats.classPairs?.toLocaleString("en")} label="class pairs compared" />
      </div>
      {result.byFamily ? (
        <div className="muted" data-testid="verdict-by-family">
          IPv4: {result.byFamily[4].classPairs.toLocaleString("en")} class pairs, {result.byFamily[4].differences.toLocaleString("en")}{" "}
          differing — the same proof as the translation&apos;s round trip, which compares IPv4 only (the cluster network&apos;s family).
          IPv6: {result.byFamily[6].classPairs.toLocaleString("en")} class pairs, {result.byFamily[6].differences.toLocaleString("en")}{" "}
          differing.
        </div>
      ) : null}
      {result.unmatchedVms.length > 0 ? (
        <div className="alert error">
          {result.unmatchedVms.length} VM(s) have no Kubernetes counterpart:{" "}
          {result.unmatchedVms
            .slice(0, 5)
            .map((u) => `${u.name} (${u.reason})`)
            .join("; ")}
        </div>
      ) : null}
      <div className="muted">
        Verified {new Date(createdAt).toLocaleString("de-CH")} in {(result.elapsedMs / 1000).toFixed(1)} s{" "}
        {stale ? <Badge tone="warn">a newer translation exists</Badge> : null}
      </div>
    </section>
  );
}
