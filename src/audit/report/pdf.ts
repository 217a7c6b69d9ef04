/**
 * The auditor's PDF: cover, scope and completeness, verdict, differences, findings (with a severity chart),
 * control mapping, approvals, hashes and signature. Each section names the controls it evidences.
 * Pure apart from pdfkit reading its bundled standard-font metrics: bytes out, no other I/O.
 */
import PDFDocument from "pdfkit";
import type { TApproval } from "../approval.ts";
import { CONTROLS } from "../controls/catalogue.ts";
import {
  controlLabel,
  controlsForFinding,
  controlsForSection,
  findingKind,
  REPORT_SECTIONS,
  type TReportSection,
} from "../controls/tagging.ts";
import { fingerprintOf, importPublicKeyPem } from "../keys.ts";
import type { TSealedSnapshot } from "../snapshot.ts";
import type { TOptionalPartKey, TSnapshotParts } from "../snapshot-model.ts";
import { barChart, heading, keyValues, MARGIN, para, pdfText, table } from "./pdf-layout.ts";
import { allFindings, describeDifference, findingsBySeverity, formatBytes, formatCount, verdictOf } from "./summary.ts";

export interface TReportInput {
  sealed: TSealedSnapshot;
  /** Verified approvals (the caller verifies them with verifyApproval first). */
  approvals: TApproval[];
  /** Streams uncompressed: larger, but text-searchable by simple tools (used by tests). */
  compress?: boolean;
  /** Cap on table rows per section; the full data is always in the bundle's parts. */
  maxRows?: number;
}

const SEVERITY_COLORS: Record<string, string> = {
  critical: "#8b0000",
  high: "#d9480f",
  medium: "#f59f00",
  low: "#1c7ed6",
  info: "#868e96",
};
const PART_LABELS: Record<Exclude<keyof TSnapshotParts, "inputs" | TOptionalPartKey>, string> = {
  policy: "Normalised policy",
  mappingProfile: "Mapping profile",
  manifests: "Manifests",
  equivalence: "Equivalence result",
  lint: "Lint results",
  engine: "Engine version and semantics digest",
};

function tags(section: TReportSection): string[] {
  return controlsForSection(section).map(controlLabel);
}

export function renderReportPdf(input: TReportInput): Promise<Uint8Array> {
  const { sealed } = input;
  const { meta, parts } = sealed;
  const maxRows = input.maxRows ?? 1000;
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    compress: input.compress ?? true,
    info: {
      Title: pdfText(`Parity audit snapshot - ${meta.estateName} #${meta.sequence}`),
      Author: "Parity",
      Subject: `Merkle root ${sealed.merkleRoot}`,
      CreationDate: new Date(meta.createdAt),
    },
  });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("data", (c: Uint8Array) => chunks.push(c));
    doc.on("end", () => {
      const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let o = 0;
      for (const c of chunks) (out.set(c, o), (o += c.length));
      resolve(out);
    });
    doc.on("error", reject);
  });

  const verdict = verdictOf(parts);
  const findings = allFindings(parts);
  const more = (n: number) => (n > maxRows ? [`... ${n - maxRows} more; see the bundle's parts for all of them`] : []);

  // Cover
  doc.font("Helvetica-Bold").fontSize(24).fillColor("#1f3a5f").text("Micro-segmentation audit snapshot", MARGIN, 140);
  doc.moveDown(0.5).font("Helvetica").fontSize(14).fillColor("black").text(pdfText(meta.estateName));
  doc.moveDown(1.5);
  keyValues(doc, [
    ["Estate id", meta.estateId],
    ["Snapshot", `#${meta.sequence}`],
    ["Created", `${meta.createdAt} by ${meta.createdBy}`],
    ["Verdict", verdict.word],
    ["Merkle root", sealed.merkleRoot, "mono"],
    ["Previous root", meta.previousRoot ?? "none (first snapshot of this estate)", "mono"],
    ["Approvals", input.approvals.length ? input.approvals.map((a) => a.approvedBy).join(", ") : "none yet (four-eyes sign-off pending)"],
  ]);
  doc.moveDown(2);
  para(
    doc,
    "This report is generated from a signed, hash-chained evidence bundle. Its statements can be checked offline: see README.md in the bundle or run `parity snapshot verify`.",
    { size: 8.5, color: "#555" },
  );

  // Scope and completeness
  doc.addPage();
  heading(doc, "1. Scope and completeness", tags("scope"));
  para(doc, "Every raw input file, with its SHA-256 and size as received, its detected format and what was imported from it.");
  doc.moveDown(0.3);
  table(
    doc,
    ["File", "Format", "Size", "Imported", "SHA-256"],
    [0.2, 0.14, 0.12, 0.2, 0.34],
    parts.inputs.files.map((f) => [f.name, f.format, formatBytes(f.size), f.counts.map(formatCount).join("\n") || "-", f.sha256]),
    { mono: [4], size: 7.5 },
  );
  const incomplete = parts.inputs.files.flatMap((f) =>
    f.counts.filter((c) => c.imported < c.total).map((c) => `${f.name}: ${formatCount(c)}`),
  );
  para(
    doc,
    incomplete.length ? `Incomplete import: ${incomplete.join("; ")}.` : "Completeness: every counted object of every file was imported.",
    { bold: incomplete.length > 0, color: incomplete.length ? "#b00" : "black" },
  );
  doc.moveDown(0.3);
  table(
    doc,
    ["Part", "Status"],
    [0.35, 0.65],
    (Object.entries(PART_LABELS) as [keyof typeof PART_LABELS, string][]).map(([k, label]) => {
      const p = parts[k];
      return [label, p.status === "provided" ? "provided" : `NOT PROVIDED - ${p.reason}`];
    }),
  );

  // Verdict
  heading(doc, "2. Verdict", tags("verdict"));
  para(doc, verdict.word, { bold: true, size: 16, color: verdict.word === "EQUIVALENT" ? "#2b8a3e" : "#c92a2a" });
  para(doc, verdict.sentence);
  doc.moveDown(0.3);
  keyValues(doc, [
    ["Engine", parts.engine.status === "provided" ? parts.engine.value.version : `not provided (${parts.engine.reason})`],
    ["Semantics digest", parts.engine.status === "provided" ? parts.engine.value.semanticsDigest : "not provided", "mono"],
    ["Manifests", parts.manifests.status === "provided" ? `${Object.keys(parts.manifests.value).length} files` : "not provided"],
  ]);

  // Differences
  heading(doc, "3. Differences", tags("differences"));
  if (parts.equivalence.status !== "provided") para(doc, "Not provided: no equivalence result in this snapshot.");
  else if (parts.equivalence.value.differences.length === 0) para(doc, "None: both policies allow exactly the same traffic.");
  else {
    const diffs = parts.equivalence.value.differences;
    table(
      doc,
      ["#", "Difference"],
      [0.06, 0.94],
      [...diffs.slice(0, maxRows).map((d, i) => [String(i + 1), describeDifference(d)]), ...more(diffs.length).map((m) => ["", m])],
    );
  }

  // Findings
  heading(doc, "4. Findings", tags("findings"));
  if (parts.equivalence.status !== "provided" && parts.lint.status !== "provided")
    para(doc, "Not provided: neither equivalence findings nor lint results are in this snapshot.");
  else if (findings.length === 0) para(doc, "No findings.");
  else {
    barChart(
      doc,
      "Findings by severity",
      findingsBySeverity(findings).map((s) => ({ label: s.severity, value: s.count, color: SEVERITY_COLORS[s.severity] })),
    );
    table(
      doc,
      ["Severity", "Rule", "Finding", "Remediation", "Controls"],
      [0.09, 0.09, 0.32, 0.27, 0.23],
      [
        ...findings
          .slice(0, maxRows)
          .map((f) => [
            f.severity.toUpperCase(),
            f.ruleId ?? "-",
            `${f.title}\n(${f.source}, ${findingKind(f)})`,
            f.remediation ?? "-",
            controlsForFinding(f).map(controlLabel).join("\n"),
          ]),
        ...more(findings.length).map((m) => ["", "", m, "", ""]),
      ],
      { size: 7.5 },
    );
  }

  // Control mapping
  heading(doc, "5. Control mapping", tags("controls"));
  para(
    doc,
    "Which section of this report and which kind of finding provides evidence for each control. FINMA Circular 2023/1 is cited by principle.",
    { size: 8.5 },
  );
  doc.moveDown(0.3);
  const sectionNames: Record<TReportSection, string> = {
    cover: "Cover",
    scope: "1 Scope",
    verdict: "2 Verdict",
    differences: "3 Differences",
    findings: "4 Findings",
    controls: "5 Controls",
    approvals: "6 Approvals",
    integrity: "7 Integrity",
  };
  table(
    doc,
    ["Framework", "Control", "Title", "Evidence in this report"],
    [0.17, 0.15, 0.43, 0.25],
    CONTROLS.map((c) => {
      const sections = REPORT_SECTIONS.filter((s) => controlsForSection(s).some((x) => x.id === c.id)).map((s) => sectionNames[s]);
      const n = findings.filter((f) => controlsForFinding(f).some((x) => x.id === c.id)).length;
      return [c.framework, c.ref, c.title, [...sections, n ? `${n} finding(s)` : ""].filter(Boolean).join(", ") || "-"];
    }),
    { size: 7.5 },
  );

  // Approvals
  heading(doc, "6. Approvals", tags("approvals"));
  if (input.approvals.length === 0)
    para(doc, "No approval yet. A person other than the creator must approve this snapshot (four-eyes principle).", { bold: true });
  else
    table(
      doc,
      ["Approved by", "At", "Comment"],
      [0.25, 0.25, 0.5],
      input.approvals.map((a) => [a.approvedBy, a.approvedAt, a.comment || "-"]),
    );

  // Hashes and signature
  heading(doc, "7. Hashes and signature", tags("integrity"));
  let fingerprint = "unreadable public key";
  try {
    fingerprint = fingerprintOf(importPublicKeyPem(sealed.publicKeyPem));
  } catch {
    /* reported as unreadable */
  }
  keyValues(doc, [
    ["Merkle root", sealed.merkleRoot, "mono"],
    ["Previous root", meta.previousRoot ?? "none", "mono"],
    ["Signature", "Ed25519, DSSE envelope over an in-toto Statement v1"],
    ["Key id", sealed.keyId, "mono"],
    ["Fingerprint", fingerprint, "mono"],
    ["Signature value", sealed.envelope.signatures[0]?.sig ?? "-", "mono"],
  ]);
  doc.moveDown(0.3);
  table(
    doc,
    ["Part", "SHA-256 (canonical JSON, RFC 8785)"],
    [0.3, 0.7],
    Object.entries(sealed.digests).sort(([a], [b]) => (a < b ? -1 : 1)),
    { mono: [1], size: 7.5 },
  );
  para(doc, "Public key (SPKI PEM):", { bold: true, size: 8.5 });
  para(doc, sealed.publicKeyPem, { mono: true, size: 7.5 });

  doc.end();
  return done;
}
