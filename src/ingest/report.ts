/** The import report as text for the CLI (the JSON form is the ImportReport itself). */
import type { ImportReport } from "./types.ts";

export function formatReport(report: ImportReport, ok: boolean): string {
  const lines: string[] = [];
  lines.push(ok ? "Import succeeded." : `Import refused: ${report.errors.length} error(s); nothing was imported.`);
  lines.push("", "Files:");
  for (const f of report.files) lines.push(`  ${f.name}  [${f.format}]  ${f.size} bytes  sha256 ${f.sha256}`);
  if (ok) {
    const c = report.counts;
    lines.push(
      "",
      `Counts: ${c.policies} policies, ${c.rules} rules, ${c.groups} groups, ${c.services} services (${report.builtInServicesUsed.length} from the built-in catalogue), ${c.vms} VMs, ${c.tags} distinct tags, ${c.segments} segments`,
    );
    lines.push(
      `Default layer-3 action: ${report.defaultAction} (policies and rules counted as NSX Manager lists them: every section, Ethernet and the default layer-3 section with its rule included)`,
    );
  }
  if (report.errors.length > 0) {
    lines.push("", "Errors:");
    for (const e of report.errors) lines.push(`  ${e.file} ${e.where}: ${e.message}`);
  }
  if (report.unresolved.length > 0) {
    lines.push("", `Unresolved (${report.unresolved.length}):`);
    for (const u of report.unresolved) lines.push(`  [${u.kind}] ${u.ref} — ${u.reason} (${u.file} ${u.where})`);
  }
  if (report.warnings.length > 0) {
    lines.push("", `Warnings (${report.warnings.length}):`);
    for (const w of report.warnings) lines.push(`  [${w.code}] ${w.message} (${w.file} ${w.where})`);
  }
  return lines.join("\n");
}
