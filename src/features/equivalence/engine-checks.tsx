"use client";
/** What the engine reported while compiling both sides: broken references, behaviour outside the model. */
import type { TVerificationResult } from "../../server/services/verification.ts";
import { Badge, EmptyState } from "../../ui/components.tsx";
import { DataTable } from "../../ui/data-table.tsx";

export function EngineChecks({ problems }: { problems: TVerificationResult["problems"] }) {
  const tone = (s: string) => (s === "error" ? "bad" : s === "outside-model" ? "warn" : "neutral");
  return (
    <section className="card stack" style={{ marginTop: 16 }} aria-labelledby="lint-heading" data-testid="lint">
      <h2 id="lint-heading">Engine checks</h2>
      <p className="muted" style={{ margin: 0 }}>
        What the engine found while compiling the NSX rules and the manifests: broken references, behaviour outside the L3/L4 model, rules
        that match nothing.
      </p>
      {problems.length === 0 ? (
        <EmptyState title="No problems found" />
      ) : (
        <DataTable
          rows={problems.slice(0, 300)}
          rowKey={(_, i) => i}
          columns={[
            { header: "Severity", cell: (p) => <Badge tone={tone(p.severity)}>{p.severity}</Badge> },
            { header: "Check", className: "mono", cell: (p) => p.code },
            { header: "Subject", className: "mono", style: { overflowWrap: "anywhere" }, cell: (p) => p.subject ?? "–" },
            { header: "Message", cell: (p) => p.message },
          ]}
        />
      )}
    </section>
  );
}
