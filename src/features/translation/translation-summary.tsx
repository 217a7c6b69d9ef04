"use client";
/** The latest translation at a glance: what was emitted, findings by severity, the round-trip verdict, the bundle. */
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "../../server/api/root.ts";
import { Badge } from "../../ui/components.tsx";
import { SeverityCounts } from "../../ui/severity.tsx";
import { Stat } from "../../ui/stat.tsx";

type TTranslationSummary = NonNullable<inferRouterOutputs<AppRouter>["translations"]["summary"]>;

export function TranslationSummary({ estateId, translation: t }: { estateId: string; translation: TTranslationSummary }) {
  return (
    <section className="card stack" aria-labelledby="summary-heading" data-testid="translation-summary">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 id="summary-heading" style={{ margin: 0 }}>
          Estate v{t.summary.importVersion} · profile v{t.profileVersion} · {t.apiVersion}
        </h2>
        <div className="row">
          {t.stale ? <Badge tone="warn">a newer estate version exists</Badge> : null}
          <a className="btn secondary" href={`/api/estates/${estateId}/translations/${t.id}/bundle`} download data-testid="bundle-download">
            Download bundle (ZIP)
          </a>
        </div>
      </div>
      <div className="grid cols-4">
        <Stat
          value={t.summary.adminNetworkPolicies}
          label={t.apiVersion === "v1alpha2" ? "ClusterNetworkPolicies" : "AdminNetworkPolicies"}
        />
        <Stat value={t.summary.networkPolicies} label="NetworkPolicies" />
        <Stat value={t.summary.namespaces} label="Namespaces" />
        <Stat value={t.summary.vms} label="VM label patches" />
      </div>
      <div>
        Findings: <SeverityCounts counts={t.summary.findingsBySeverity} />
      </div>
      {t.summary.roundTrip ? (
        <div data-testid="round-trip">
          Round trip (checked with the translation):{" "}
          {t.summary.roundTrip.equivalent ? (
            <Badge tone="ok">equivalent except the findings</Badge>
          ) : (
            <Badge tone="bad">
              {t.summary.roundTrip.unexplained.toLocaleString("en")} unexplained counterexample
              {t.summary.roundTrip.unexplained === 1 ? "" : "s"}
              {t.summary.roundTrip.unmappedVms > 0 ? `, ${t.summary.roundTrip.unmappedVms} VMs without a VirtualMachine` : ""}
            </Badge>
          )}{" "}
          <span className="muted">
            {t.summary.roundTrip.explained.toLocaleString("en")} differences accounted for by findings ·{" "}
            {t.summary.roundTrip.pairsCompared.toLocaleString("en")} class pairs compared in{" "}
            {(t.summary.roundTrip.elapsedMs / 1000).toFixed(1)} s
          </span>
          {t.summary.roundTrip.examples.length > 0 ? (
            <ul className="mono">
              {t.summary.roundTrip.examples.map((e, i) => (
                <li key={i}>
                  {e.src} → {e.dst}: {e.lost ? `NSX only ${e.lost}` : ""} {e.added ? `Kubernetes only ${e.added}` : ""}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {t.summary.adminOverflow ? <div className="alert error">{t.summary.adminOverflow}</div> : null}
      <div className="muted">
        Translated {new Date(t.createdAt).toLocaleString("de-CH")} in {(t.summary.elapsedMs / 1000).toFixed(1)} s · {t.summary.fileCount}{" "}
        files
      </div>
    </section>
  );
}
