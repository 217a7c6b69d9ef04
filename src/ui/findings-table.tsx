/** The translation's findings with why and how to remediate (Translation and Equivalence pages). */
import type { TFinding } from "../translate/findings/finding.ts";
import { EmptyState } from "./components.tsx";
import { DataTable } from "./data-table.tsx";
import { SeverityBadge } from "./severity.tsx";

export function FindingsTable({ findings }: { findings: TFinding[] }) {
  if (findings.length === 0) return <EmptyState title="No findings">Everything was carried over exactly.</EmptyState>;
  return (
    <DataTable
      testId="findings"
      rows={findings}
      rowKey={(f) => f.id}
      columns={[
        { header: "Severity", cell: (f) => <SeverityBadge severity={f.severity} /> },
        {
          header: "Finding",
          cell: (f) => (
            <>
              <strong>{f.title}</strong>
              <div className="mono muted">{f.code}</div>
            </>
          ),
        },
        {
          header: "NSX rules",
          className: "mono",
          style: { maxWidth: 180, overflowWrap: "anywhere" },
          cell: (f) => `${f.ruleIds.slice(0, 8).join(", ")}${f.ruleIds.length > 8 ? ` … (${f.ruleIds.length})` : ""}`,
        },
        { header: "Why", cell: (f) => f.why },
        { header: "Remediation", cell: (f) => f.remediation },
      ]}
    />
  );
}
