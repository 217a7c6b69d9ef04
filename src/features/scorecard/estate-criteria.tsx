"use client";
/** The criteria computed from the bank's own estate, with their numbers and where they come from. */
import type { TEstateSource } from "../../server/services/scorecard.ts";
import type { TScorecard } from "../../scorecard/scorecard.ts";
import { Badge, EmptyState } from "../../ui/components.tsx";
import { intl, pct, platformName } from "./format.ts";

export function EstateCriteria({ scorecard, source }: { scorecard: TScorecard; source: TEstateSource | null }) {
  const cov = scorecard.estateCoverage;
  if (!cov || !source)
    return (
      <EmptyState title="No estate imported yet">
        The estate-coverage criterion shows the catalogue&apos;s fallback scores (marked as assumptions) until a security engineer imports
        the NSX export.
      </EmptyState>
    );
  const az = cov.azure;
  const range = `${az.limits.priorityMin}–${az.limits.priorityMax}`;
  const slots = az.limits.priorityMax - az.limits.priorityMin + 1;
  const bound = az.exact ? "" : "≥ ";
  return (
    <div className="stack" data-testid="estate-criteria">
      <p className="muted" style={{ margin: 0 }}>
        Estate &quot;{cov.estate}&quot;, import version {source.importVersion} ({new Date(source.importedAt).toLocaleString("de-CH")}):{" "}
        {intl(cov.enabledRules)} enabled and {intl(cov.disabledRules)} disabled DFW rules.
      </p>
      <table className="data">
        <thead>
          <tr>
            <th>Platform</th>
            <th style={{ textAlign: "right" }}>Rules expressible without loss</th>
            <th style={{ textAlign: "right" }}>Share</th>
            <th>Basis</th>
          </tr>
        </thead>
        <tbody>
          {cov.platforms.map((p) => (
            <tr key={p.platform} data-testid={`coverage-${p.platform}`}>
              <td>{platformName(scorecard, p.platform)}</td>
              <td style={{ textAlign: "right" }} className="mono">
                {intl(p.expressible)} / {intl(p.rules)}
              </td>
              <td style={{ textAlign: "right" }} className="mono">
                {pct(p.share)}
              </td>
              <td>
                {p.basis === "rule-feature-estimate" ? <Badge tone="warn">estimate</Badge> : null} {p.basisLabel}
                {p.knockOut ? (
                  <div>
                    <Badge tone="bad">knock-out</Badge> {p.knockOut}
                  </div>
                ) : null}
                {p.lossyRules.length > 0 ? (
                  <details>
                    <summary>{intl(p.lossyRules.length)} rule(s) not expressible</summary>
                    <ul style={{ margin: "4px 0", paddingLeft: 18, maxHeight: 200, overflow: "auto" }}>
                      {p.lossyRules.slice(0, 200).map((r) => (
                        <li key={r.ruleId}>
                          <span className="mono">{r.ruleId}</span>: {r.reasons.join("; ")}
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : null}
                {p.notes.map((n) => (
                  <div key={n} className="muted" style={{ fontSize: 12.5 }}>
                    {n}
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <div className="grid cols-3">
        <div className="card" data-testid="azure-flattening">
          <div className="stat-label">Azure Local: IP-flattened NSG rules (inbound / outbound)</div>
          <div className="stat">
            {bound}
            {intl(az.inbound)} / {bound}
            {intl(az.outbound)}
          </div>
          <div className="muted" style={{ fontSize: 12.5 }}>
            Priority range {range} = {intl(slots)} slots per direction; {intl(az.limits.maxRulesPerNsg)} rules per NSG (assumed) → capacity{" "}
            {intl(az.capacityPerDirection)} per direction. Explosion factor {az.explosionFactor.toFixed(1)}× from {intl(az.enabledRules)}{" "}
            rules. {az.fits ? <Badge tone="ok">fits</Badge> : <Badge tone="bad">does not fit</Badge>}{" "}
            {az.exact ? <Badge tone="ok">exact</Badge> : <Badge tone="warn">lower bound</Badge>}
          </div>
        </div>
        <div className="card">
          <div className="stat-label">Group membership (engine resolver + VM IPs)</div>
          <div className="stat">
            {intl(source.membership.resolvedGroups)} / {intl(source.membership.resolvedGroups + source.membership.unresolved.length)}
          </div>
          <div className="muted" style={{ fontSize: 12.5 }}>
            groups resolved exactly.
            {source.membership.unresolved.length > 0 ? (
              <details>
                <summary>{source.membership.unresolved.length} not resolvable to addresses</summary>
                <ul style={{ margin: "4px 0", paddingLeft: 18 }}>
                  {source.membership.unresolved.map((u) => (
                    <li key={u.group}>
                      <span className="mono">{u.group.split("/").pop()}</span>: {u.reasons.join("; ")}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </div>
        </div>
        <div className="card" data-testid="findings-by-severity">
          <div className="stat-label">Translation findings by severity</div>
          {source.translation ? (
            <>
              <div className="row" style={{ marginTop: 6 }}>
                {Object.entries(source.translation.bySeverity).map(([severity, count]) => (
                  <Badge
                    key={severity}
                    tone={
                      severity === "critical" || severity === "high" || severity === "error"
                        ? "bad"
                        : severity === "medium" || severity === "warning"
                          ? "warn"
                          : "info"
                    }
                  >
                    {severity}: {intl(count)}
                  </Badge>
                ))}
              </div>
              <div className="muted" style={{ fontSize: 12.5, marginTop: 6 }}>
                From the translation of {new Date(source.translation.createdAt).toLocaleString("de-CH")}
                {source.translation.ignored ? ` (${source.translation.ignored} unreadable finding(s) ignored)` : ""}. Per rule:{" "}
                {intl(cov.findingsBySeverity.error ?? 0)} lossy (reachability changes or critical/high),{" "}
                {intl(cov.findingsBySeverity.warning ?? 0)} warnings, {intl(cov.findingsBySeverity.info ?? 0)} informational.
              </div>
            </>
          ) : (
            <div className="muted" style={{ fontSize: 12.5, marginTop: 6 }}>
              No translation of this import yet: OVE coverage is an <strong>estimate</strong> from rule features (an upper bound).
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
