/**
 * The rule table auditors ask for, one row per NSX rule in evaluation order (category, policy, rule), as CSV
 * and XLSX. Every string cell is escaped against formula injection; numbers stay numbers.
 */
import { stringify } from "csv-stringify/sync";
import type { TNormalisedPolicy } from "../snapshot-model.ts";
import { escapeCell, SAFE_CSV_OPTIONS } from "./formula-escape.ts";
import { writeXlsx } from "./xlsx-writer.ts";

export const RULE_COLUMNS = [
  "category",
  "policy",
  "policyId",
  "order",
  "ruleId",
  "name",
  "action",
  "direction",
  "sources",
  "destinations",
  "services",
  "appliedTo",
  "logged",
  "disabled",
  "resolvedSources",
  "resolvedDestinations",
  "resolvedAppliedTo",
  "notes",
] as const;
export type TRuleRow = Record<(typeof RULE_COLUMNS)[number], string | number>;

const CATEGORY_ORDER = ["Ethernet", "Emergency", "Infrastructure", "Environment", "Application"];

export function ruleRows(policy: TNormalisedPolicy): TRuleRow[] {
  const policies = [...policy.estate.policies].sort(
    (a, b) => CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) || a.sequenceNumber - b.sequenceNumber,
  );
  const rows: TRuleRow[] = [];
  for (const p of policies) {
    const effectiveScope = p.scope.length > 0 && !(p.scope.length === 1 && p.scope[0] === "ANY");
    for (const r of [...p.rules].sort((a, b) => a.sequenceNumber - b.sequenceNumber)) {
      const m = policy.ruleMembership[r.id];
      const list = (xs: string[], excluded = false) => (excluded ? "NOT " : "") + xs.join("; ");
      rows.push({
        category: p.category,
        policy: p.name,
        policyId: p.id,
        order: r.sequenceNumber,
        ruleId: r.id,
        name: r.name,
        action: r.action,
        direction: r.direction,
        sources: list(r.sources, r.sourcesExcluded),
        destinations: list(r.destinations, r.destinationsExcluded),
        services: list([...r.services, ...(r.serviceEntries.length ? [`${r.serviceEntries.length} inline entries`] : [])]),
        appliedTo: list(effectiveScope ? p.scope : r.scope),
        logged: r.logged ? "yes" : "no",
        disabled: r.disabled ? "yes" : "no",
        resolvedSources: m ? m.sources.join("; ") : "not provided",
        resolvedDestinations: m ? m.destinations.join("; ") : "not provided",
        resolvedAppliedTo: m ? m.appliedTo.join("; ") : "not provided",
        notes: r.notes ?? "",
      });
    }
  }
  return rows;
}

function safe(row: TRuleRow): (string | number)[] {
  return RULE_COLUMNS.map((c) => (typeof row[c] === "string" ? escapeCell(row[c] as string) : row[c]));
}

export function rulesToCsv(rows: TRuleRow[]): string {
  return stringify([[...RULE_COLUMNS], ...rows.map(safe)], SAFE_CSV_OPTIONS);
}

export async function rulesToXlsx(rows: TRuleRow[], sheetName = "Rules"): Promise<Uint8Array> {
  // Deterministic bytes (fixed timestamps) keep the workbook reproducible from the snapshot.
  return writeXlsx(sheetName, [...RULE_COLUMNS], rows.map(safe));
}
