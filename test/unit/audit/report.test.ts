import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { unzlibSync } from "fflate";
import { approveSnapshot } from "../../../src/audit/approval.ts";
import { renderReportPdf } from "../../../src/audit/report/pdf.ts";
import { formatCount } from "../../../src/audit/report/summary.ts";
import { buildSnapshot } from "../../../src/audit/snapshot.ts";
import { notProvided } from "../../../src/audit/snapshot-model.ts";
import { creatorSigner, meta, parts } from "./fixtures.ts";
import { pdfTextContent } from "./pdf-text.ts";
import { ensurePoppler } from "../../support/system-tools.ts";

describe("PDF report", () => {
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

  it("renders and its text contains the verdict, the Merkle root, counts, findings, controls and approvals", async () => {
    const pdf = await renderReportPdf({ sealed, approvals: [approval.approval], compress: false });
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe("%PDF-");
    const text = pdfTextContent(pdf);
    expect(text).toContain("NOT EQUIVALENT");
    expect(text).toContain(sealed.merkleRoot);
    expect(text).toContain("3,200 of 3,200 rules");
    expect(text).toContain("Add a deny for TCP 3306 from tier web");
    expect(text).toContain("Findings by severity");
    expect(text).toContain("Configurations of NSCs are reviewed at least once every six months");
    expect(text).toContain("A.8.22");
    expect(text).toContain("bob@bank.ch");
    expect(text).toContain(sealed.keyId);
    expect(text).toContain("NOT PROVIDED - engine not connected in this test");
    expect(text).toContain("Bank Zürich Prod");
  });

  it("compressed output inflates to the same text (what ships in bundles)", async () => {
    const pdf = await renderReportPdf({ sealed, approvals: [], compress: true });
    const src = new TextDecoder("latin1").decode(pdf);
    let text = "";
    for (const m of src.matchAll(/stream\r?\n/g)) {
      const start = m.index! + m[0].length;
      const end = src.indexOf("endstream", start);
      try {
        text += " ";
        text += new TextDecoder("latin1").decode(unzlibSync(pdf.subarray(start, src[end - 1] === "\n" ? end - 1 : end)));
      } catch {
        /* not a Flate stream (fonts are standard, so rare) */
      }
    }
    const plain = pdfTextContent(new TextEncoder().encode(text.replace(/[^\x00-\x7f]/g, "?")));
    expect(plain).toContain(sealed.merkleRoot);
    expect(plain).toContain("NOT EQUIVALENT");
    expect(plain).toContain("No approval yet");
  });

  it("says NOT PROVIDED rather than inventing a verdict, and is reproducible", async () => {
    const p = parts();
    p.equivalence = notProvided("translation engine not connected yet");
    const s = buildSnapshot(p, meta(), creatorSigner);
    const a = await renderReportPdf({ sealed: s, approvals: [], compress: false });
    const text = pdfTextContent(a);
    expect(text).toContain("NOT PROVIDED");
    expect(text).toContain("translation engine not connected yet");
    expect(text).not.toContain("NOT EQUIVALENT");
    const b = await renderReportPdf({ sealed: s, approvals: [], compress: false });
    expect(b.length).toBe(a.length);
  });

  it("pdftotext reads the verdict and root", async () => {
    const { pdftotext } = ensurePoppler();
    const pdf = await renderReportPdf({ sealed, approvals: [], compress: true });
    const out = execFileSync(pdftotext, ["-", "-"], { input: pdf }).toString();
    expect(out).toContain("NOT EQUIVALENT");
    expect(out).toContain(sealed.merkleRoot);
  });

  it("formats counts as auditors read them", () => {
    expect(formatCount({ kind: "rules", imported: 3200, total: 3200 })).toBe("3,200 of 3,200 rules");
  });
});
