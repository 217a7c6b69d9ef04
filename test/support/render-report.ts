/**
 * Writes the demo (or bench) estate's report.pdf for looking at it: `npx tsx test/support/render-report.ts
 * demo|bench OUT.pdf`. docs/report-pages/ holds the demo's pages rendered from it with
 * `pdftoppm -r 60 -png OUT.pdf docs/report-pages/page`.
 */
import { writeFileSync } from "node:fs";
import { renderReportPdf } from "../../src/audit/report/pdf.ts";
import { approvalOf, benchSnapshot, demoSnapshot } from "./report-snapshots.ts";

const [which = "demo", out = `/tmp/${which}-report.pdf`] = process.argv.slice(2);
const started = Date.now();
const sealed = which === "bench" ? benchSnapshot() : demoSnapshot();
const sealedMs = Date.now() - started;
const pdf = await renderReportPdf({ sealed, approvals: [approvalOf(sealed)] });
writeFileSync(out, pdf);
console.log(`${out}: ${pdf.length} bytes (sealed in ${sealedMs} ms, rendered in ${Date.now() - started - sealedMs} ms)`);
