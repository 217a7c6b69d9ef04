"use client";
/** Rule lint: shadowed, redundant and dead NSX rules, filterable by kind. */
import { useState } from "react";
import type { TVerificationResult } from "../../server/services/verification.ts";
import { Badge, EmptyState } from "../../ui/components.tsx";
import { DataTable } from "../../ui/data-table.tsx";

const LINT_TONE: Record<string, "bad" | "warn" | "neutral"> = { error: "bad", warning: "warn", info: "neutral" };

export function LintResults({ items }: { items: TVerificationResult["lint"] }) {
  const [kind, setKind] = useState("all");
  if (!items) return null;
  const kinds = [...new Set(items.map((i) => i.kind))].sort();
  const shown = kind === "all" ? items : items.filter((i) => i.kind === kind);
  return (
    <section className="card stack" style={{ marginTop: 16 }} aria-labelledby="rule-lint-heading" data-testid="rule-lint">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 id="rule-lint-heading" style={{ margin: 0 }}>
          Lint: shadowed, redundant and dead rules ({items.length})
        </h2>
        {kinds.length > 1 ? (
          <div className="field" style={{ margin: 0 }}>
            <label htmlFor="lint-kind">Kind</label>
            <select id="lint-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              <option value="all">All</option>
              {kinds.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      {items.length === 0 ? (
        <EmptyState title="No shadowed or redundant rules" />
      ) : (
        <DataTable
          rows={shown.slice(0, 300)}
          rowKey={(_, i) => i}
          columns={[
            { header: "Severity", cell: (item) => <Badge tone={LINT_TONE[item.severity] ?? "neutral"}>{item.severity}</Badge> },
            { header: "Kind", cell: (item) => item.kind },
            { header: "Rule", className: "mono", cell: (item) => item.ruleId },
            { header: "Policy", cell: (item) => item.policy },
            { header: "Why", cell: (item) => item.message },
            {
              header: "Decided instead by",
              className: "mono",
              style: { overflowWrap: "anywhere" },
              cell: (item) =>
                `${item.coveredBy?.slice(0, 6).join(", ") ?? "–"}${(item.coveredBy?.length ?? 0) > 6 ? ` … (${item.coveredBy!.length})` : ""}`,
            },
          ]}
        />
      )}
      {shown.length > 300 ? <p className="muted">First 300 of {shown.length}.</p> : null}
    </section>
  );
}
