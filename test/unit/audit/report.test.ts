/**
 * The report as a document (issue 13), checked the way an auditor's tools read it: pdftotext. For the demo
 * estate and a 3,200-rule bench estate: the sections in order, the verdict in the words of `parity verify`,
 * no JSON, bounded length; plus the small fixture (not provided parts, reproducibility).
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { approveSnapshot } from "../../../src/audit/approval.ts";
import { renderReportPdf } from "../../../src/audit/report/pdf.ts";
import { reportFiles, REPORT_FILES } from "../../../src/audit/report/report-files.ts";
import { formatCount, snapshotVerdict } from "../../../src/audit/report/summary.ts";
import { buildSnapshot, type TSealedSnapshot } from "../../../src/audit/snapshot.ts";
import { notProvided } from "../../../src/audit/snapshot-model.ts";
import {
  countsOfRoundTrip,
  countsOfStoredVerification,
  verdictOf,
  type TRoundTripLike,
  type TStoredVerificationLike,
} from "../../../src/audit/verdict.ts";
import { approvalOf, benchSnapshot, demoSnapshot } from "../../support/report-snapshots.ts";
import { creatorSigner, meta, parts } from "./fixtures.ts";
import { pdfTextContent } from "./pdf-text.ts";
import { ensurePoppler } from "../../support/system-tools.ts";

function pdftotext(pdf: Uint8Array): { text: string; pages: number } {
  const text = execFileSync(ensurePoppler().pdftotext, ["-layout", "-", "-"], { input: pdf, maxBuffer: 64 * 1024 * 1024 }).toString();
  return { text, pages: text.split("\f").filter((p) => p.trim().length > 0).length };
}

const SECTIONS = [
  "1. Executive summary",
  "2. Findings",
  "3. Differences by finding",
  "4. Rule-by-rule traceability",
  "5. Control mapping",
  "6. Approvals",
  "Appendix: hashes and signature",
];

function expectDocument(text: string, sealed: TSealedSnapshot): void {
  let at = -1;
  for (const s of SECTIONS) {
    const i = text.indexOf(s);
    expect(i, s).toBeGreaterThan(at);
    at = i;
  }
  // Page 1: the verdict sentence of the one vocabulary, limits, people, seal.
  const page1 = text.split("\f")[0];
  expect(page1).toContain(`Verdict: ${snapshotVerdict(sealed.parts).sentence}`);
  expect(page1).toContain("Limits of the model");
  expect(page1).toContain("Stateful return traffic is not modelled");
  expect(page1).toContain("CHG-2026-1207");
  expect(page1).toContain("(auditor)");
  expect(page1).toContain(sealed.merkleRoot);
  expect(page1).toMatch(/Key fingerprint\s+SHA256:/);
  // Never JSON, never the old words.
  expect(text).not.toContain('{"');
  expect(text).not.toMatch(/NOT EQUIVALENT|Equivalent except the listed findings/);
  expect(text).toContain("PCI DSS v4.0.1");
}

describe("report.pdf as a document", () => {
  it("demo estate: sections, verdict words, examples in words, at most 20 pages", async () => {
    const sealed = demoSnapshot();
    const pdf = await renderReportPdf({ sealed, approvals: [approvalOf(sealed)] });
    const { text, pages } = pdftotext(pdf);
    expectDocument(text, sealed);
    expect(snapshotVerdict(sealed.parts).sentence).toMatch(/^equivalent except [\d,]+ accounted differences \(\d+ findings?\)$/);
    // The Equivalence page reads the same stored result: same words.
    const stored = (sealed.parts.equivalence as unknown as { value: TStoredVerificationLike }).value;
    expect(verdictOf(countsOfStoredVerification(stored)).sentence).toBe(snapshotVerdict(sealed.parts).sentence);
    expect(text).toMatch(/ICMP echo request[^\n]*allowed by NSX rule 3317 'Allow ICMP echo everywhere'/);
    expect(text).toMatch(/Rules not fully carried|NSX rule\s+Action\s+Emitted objects/);
    expect(pages).toBeLessThanOrEqual(20);
    // The full lists are in the bundle's report files, not in the PDF.
    const files = reportFiles(sealed, [approvalOf(sealed)]);
    const trace = new TextDecoder().decode(files[REPORT_FILES.traceability]);
    expect(trace.trim().split("\r\n").length).toBe(1 + 318);
    expect(JSON.parse(new TextDecoder().decode(files[REPORT_FILES.verdict])).sentence).toBe(snapshotVerdict(sealed.parts).sentence);
  }, 400_000);

  it("3,200-rule bench estate: same structure, bounded and summarised", async () => {
    const sealed = benchSnapshot(3200, 5000);
    const pdf = await renderReportPdf({ sealed, approvals: [approvalOf(sealed)] });
    const { text, pages } = pdftotext(pdf);
    expectDocument(text, sealed);
    // Sealed from the translation's round trip: `parity verify`/`parity translate` print the same words for it.
    const roundTrip = (sealed.parts.equivalence as unknown as { value: TRoundTripLike }).value;
    expect(text).toContain(`Verdict: ${verdictOf(countsOfRoundTrip(roundTrip)).sentence}`);
    expect(text).toContain("By policy");
    expect(text).toContain(`${REPORT_FILES.traceability} in the bundle`);
    expect(pages).toBeLessThanOrEqual(30);
  }, 300_000);
});

describe("PDF report (fixture)", () => {
  const sealed = buildSnapshot(parts(), meta(), creatorSigner);
  const approval = approveSnapshot(
    sealed,
    {
      approvedBy: "bob@bank.ch",
      approvedAt: "2026-03-02T10:00:00Z",
      role: "auditor",
      decision: "approve",
      changeRef: "CHG-1042",
      reason: "Reviewed with the network team",
      scope: ["inputs"],
    },
    creatorSigner,
  );

  it("renders the verdict, the root, counts, findings, controls and the change record", async () => {
    const pdf = await renderReportPdf({ sealed, approvals: [approval.approval], compress: false });
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe("%PDF-");
    const text = pdfTextContent(pdf);
    expect(text).toContain(snapshotVerdict(sealed.parts).sentence);
    expect(text).toContain(sealed.merkleRoot);
    expect(text).toContain("3,200 of 3,200 rules");
    expect(text).toContain("Add a deny for TCP 3306 from tier web");
    expect(text).toContain("Findings by severity");
    expect(text).toContain("A.8.22");
    expect(text).toContain("bob@bank.ch");
    expect(text).toContain("CHG-1042");
    expect(text).toContain(sealed.keyId);
    expect(text).toContain("engine not connected in this test");
    expect(text).toContain("Bank Zürich Prod");
  });

  it("says not verified rather than inventing a verdict, and is reproducible", async () => {
    const p = parts();
    p.equivalence = notProvided("translation engine not connected yet");
    const s = buildSnapshot(p, meta(), creatorSigner);
    const a = await renderReportPdf({ sealed: s, approvals: [], compress: false });
    const text = pdfTextContent(a);
    expect(text).toContain("Verdict: not verified");
    expect(text).toContain("translation engine not connected yet");
    expect(text).toContain("No decision yet");
    const b = await renderReportPdf({ sealed: s, approvals: [], compress: false });
    expect(b.length).toBe(a.length);
  });

  it("formats counts as auditors read them", () => {
    expect(formatCount({ kind: "rules", imported: 3200, total: 3200 })).toBe("3,200 of 3,200 rules");
  });
});
