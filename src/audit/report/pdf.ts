/**
 * The auditor's PDF, written as a document: page 1 an executive summary (inputs, the verdict sentence, what
 * was proven and the model's limits, who sealed and approved it, key and Merkle root); then findings,
 * differences grouped by finding with examples in words, a rule-by-rule traceability table, the control
 * mapping, and the hashes in an appendix. Length follows content but stays bounded: large estates are
 * summarised and the full lists go to the bundle (`report-files.ts`), never into the PDF; no JSON is printed.
 * Pure apart from pdfkit reading its bundled standard-font metrics: bytes out, no other I/O.
 */
import PDFDocument from "pdfkit";
import type { TApproval } from "../approval.ts";
import { CONTROLS, FRAMEWORKS } from "../controls/catalogue.ts";
import {
  controlLabel,
  controlsForFinding,
  controlsForSection,
  REPORT_SECTIONS,
  SECTION_TITLES,
  type TReportSection,
} from "../controls/tagging.ts";
import { fingerprintOf, importPublicKeyPem } from "../keys.ts";
import type { TSealedSnapshot } from "../snapshot.ts";
import { plural } from "../verdict.ts";
import {
  barChart,
  bullets,
  contentWidth,
  ensureSpace,
  heading,
  keyValues,
  MARGIN,
  para,
  pdfText,
  subheading,
  table,
} from "./pdf-layout.ts";
import { REPORT_FILES } from "./report-files.ts";
import { buildReportModel, type TPerson, type TReportFinding, type TReportModel, type TTraceRow } from "./report-model.ts";
import { findingsBySeverity, formatBytes, formatCount } from "./summary.ts";

export interface TReportInput {
  sealed: TSealedSnapshot;
  /** Verified approvals (the caller verifies them with verifyApproval first). */
  approvals: TApproval[];
  /** Streams uncompressed: larger, but text-searchable by simple tools (used by tests). */
  compress?: boolean;
}

/** Bounds that keep a 3,200-rule estate's report readable; everything beyond is in the bundle's report/ files. */
const LIMITS = {
  /** Rules listed one by one when the estate has at most this many; otherwise summarised per policy. */
  traceAllRules: 150,
  /** Rows of the "not fully carried" table for large estates. */
  traceExceptions: 150,
  tracePolicies: 40,
  findingRows: 40,
  ruleIdsPerFinding: 10,
  differenceGroups: 15,
  examplesPerGroup: 3,
};

const SEVERITY_COLORS: Record<string, string> = {
  critical: "#8b0000",
  high: "#d9480f",
  medium: "#f59f00",
  low: "#1c7ed6",
  info: "#868e96",
};
const VERDICT_COLORS = { equivalent: "#2b8a3e", "equivalent-except": "#1c5d99", "not-equivalent": "#c92a2a", "not-verified": "#666666" };
const nf = new Intl.NumberFormat("en-US");

function tags(section: TReportSection): string[] {
  return controlsForSection(section).map(controlLabel);
}

function sectionTitle(section: TReportSection): string {
  const n = REPORT_SECTIONS.indexOf(section) + 1;
  return section === "integrity" ? SECTION_TITLES[section] : `${n}. ${SECTION_TITLES[section]}`;
}

/** Long engine explanations are cut for the page; the bundle's CSV has them whole. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max).replace(/\s+\S*$/, "")} ... (full text in the bundle)`;
}

function listWithMore(items: readonly string[], max: number): string {
  if (items.length <= max) return items.join(", ");
  return `${items.slice(0, max).join(", ")} and ${nf.format(items.length - max)} more`;
}

const rec = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** Governance frozen by the snapshot (approval policy, creator role, retention), when the part exists. */
function governanceOf(sealed: TSealedSnapshot) {
  const g = rec((sealed.parts as Record<string, unknown>).governance);
  if (!g) return null;
  const policy = rec(g.approvalPolicy);
  const retention = rec(g.retention);
  return {
    creatorRole: typeof g.creatorRole === "string" ? g.creatorRole : null,
    requiredApprovals: typeof policy?.requiredApprovals === "number" ? policy.requiredApprovals : null,
    approverRoles: Array.isArray(policy?.approverRoles) ? (policy.approverRoles as string[]) : [],
    allowCreatorRole: policy?.allowCreatorRole === true,
    retentionYears: typeof retention?.years === "number" ? retention.years : null,
    retainUntil: typeof retention?.retainUntil === "string" ? retention.retainUntil : null,
  };
}

const ROLE_WORDS: Record<string, string> = {
  admin: "administrator",
  security_engineer: "security engineer",
  auditor: "auditor",
  architect: "architect",
};
const roleWord = (role: string | null) => (role ? (ROLE_WORDS[role] ?? role) : "role not recorded");

/** "Approved (1 of 1 required)", "Rejected by …", "Not yet approved": the policy's outcome, as far as the records tell. */
function approvalStatus(people: TPerson[], gov: ReturnType<typeof governanceOf>, creator: string): string {
  const rejected = people.filter((p) => p.decision === "reject");
  if (rejected.length > 0) return `Rejected by ${rejected.map((p) => p.who).join(", ")}`;
  const counted = new Set(
    people
      .filter((p) => p.decision === "approve" && p.who !== creator)
      .filter((p) => !gov || gov.approverRoles.length === 0 || (p.role !== null && gov.approverRoles.includes(p.role)))
      .filter((p) => !gov || gov.allowCreatorRole || gov.creatorRole === null || p.role !== gov.creatorRole)
      .map((p) => p.who),
  ).size;
  const required = gov?.requiredApprovals ?? 1;
  if (counted >= required) return `Approved (${counted} of ${required} required approval${required === 1 ? "" : "s"})`;
  return `Not yet approved (${counted} of ${required} required approval${required === 1 ? "" : "s"})`;
}

function personLine(p: TPerson): string {
  return `${p.decision === "reject" ? "Rejected" : "Approved"} by ${p.who} (${roleWord(p.role)}) on ${p.at}; change ${p.changeRef ?? "reference not recorded"}${p.reason ? `: "${p.reason}"` : ""}`;
}

function fingerprintText(sealed: TSealedSnapshot): string {
  try {
    return fingerprintOf(importPublicKeyPem(sealed.publicKeyPem));
  } catch {
    return "unreadable public key";
  }
}

// ---------------------------------------------------------------------------------------------------------
// Sections

function executiveSummary(doc: PDFKit.PDFDocument, input: TReportInput, model: TReportModel): void {
  const { sealed } = input;
  const { meta, parts } = sealed;
  const gov = governanceOf(sealed);
  doc.font("Helvetica-Bold").fontSize(20).fillColor("#1f3a5f").text("Micro-segmentation audit snapshot", MARGIN, MARGIN);
  doc
    .font("Helvetica")
    .fontSize(12)
    .fillColor("black")
    .text(pdfText(`${meta.estateName} - snapshot #${meta.sequence}, sealed ${meta.createdAt}`));
  heading(doc, sectionTitle("summary"), tags("summary"), { small: true });

  // The verdict, in the words every surface of Parity uses.
  const v = model.verdict;
  ensureSpace(doc, 70);
  const boxTop = doc.y;
  doc.font("Helvetica-Bold").fontSize(15).fillColor(VERDICT_COLORS[v.kind]);
  doc.text(pdfText(`Verdict: ${v.sentence}`), MARGIN + 8, boxTop + 8, { width: contentWidth(doc) - 16 });
  doc
    .font("Helvetica")
    .fontSize(9)
    .fillColor("black")
    .text(pdfText(v.explanation), { width: contentWidth(doc) - 16 });
  const boxBottom = doc.y + 6;
  doc
    .rect(MARGIN, boxTop, contentWidth(doc), boxBottom - boxTop)
    .lineWidth(1)
    .strokeColor(VERDICT_COLORS[v.kind])
    .stroke();
  doc.x = MARGIN;
  doc.y = boxBottom + 8;

  // What was proven, with the engine's own counts.
  subheading(doc, "What was proven");
  const s = model.stats;
  if (v.kind === "not-verified") para(doc, `Nothing: ${v.reason ?? "no equivalence result"}. The inputs below are sealed, but no proof.`);
  else {
    const scope: string[] = [
      s.vms !== undefined ? `${plural(s.vms, "NSX VM")} (${nf.format(s.matchedVms ?? 0)} with a Kubernetes counterpart)` : "",
      s.commonVmClasses !== undefined ? `${plural(s.commonVmClasses, "class", "classes")} of VMs treated alike on both sides` : "",
      s.externalAtoms !== undefined ? `${plural(s.externalAtoms, "external address block")}` : "",
    ].filter(Boolean);
    // The verify job reports classes and class pairs; the translation's round trip reports cells and pairs.
    if (s.vmCells !== undefined)
      scope.push(`${plural(s.vmCells, "cell")} of VMs treated alike`, plural(s.externalBlocks ?? 0, "external address block"));
    const pairs = s.classPairs ?? s.pairsCompared;
    para(
      doc,
      `One exact engine evaluated both rule sets - the NSX Distributed Firewall export and the emitted Kubernetes policies - for every protocol, port and ICMP type between ${
        scope.length ? scope.join(", ") : "every pair of endpoints"
      }${pairs !== undefined ? `: ${plural(pairs, "ordered pair")} compared, no sampling` : ", no sampling"}. Each difference is a class of flows with a checked example and the deciding rule on each side.`,
    );
  }
  subheading(doc, "Limits of the model (not proven)");
  bullets(doc, [
    "Stateful return traffic is not modelled: both sides are compared on initiated connections only.",
    "Layer 7 is not evaluated: context profiles (App-ID), FQDN filtering, ALG data channels and identity (AD group) rules are reported as findings, never compared.",
    "Layer-2 (Ethernet category) rules and EtherType services are not evaluated.",
    "The proof covers the exported rules and inventory at export time; later changes in NSX, vCenter tags or the cluster, and what the cluster actually runs (the deployed-state check), are outside it.",
    "Offline verification of this snapshot proves its integrity and authorship, not compliance with any control below.",
  ]);

  subheading(doc, "Inputs");
  para(doc, "The files carry no export timestamp of their own; they are known to have existed at the sealing time above.", {
    size: 8,
    color: "#555",
  });
  table(
    doc,
    ["File", "Format", "Size", "Imported", "SHA-256"],
    [0.2, 0.14, 0.11, 0.17, 0.38],
    parts.inputs.files.map((f) => [f.name, f.format, formatBytes(f.size), f.counts.map(formatCount).join("\n") || "-", f.sha256]),
    { mono: [4], size: 7 },
  );

  subheading(doc, "People");
  const creator = meta.createdBy;
  const rows: [string, string, ("mono" | undefined)?][] = [
    ["Sealed by", `${creator}${gov?.creatorRole ? ` (${roleWord(gov.creatorRole)})` : ""} on ${meta.createdAt}`],
    ["Approval status", approvalStatus(model.approvals, gov, creator)],
  ];
  for (const p of model.approvals.slice(0, 4)) rows.push([p.decision === "reject" ? "Rejection" : "Approval", personLine(p)]);
  if (model.approvals.length > 4) rows.push(["", `${model.approvals.length - 4} more in section 6`]);
  if (gov?.requiredApprovals)
    rows.push([
      "Approval policy",
      `${plural(gov.requiredApprovals, "approval")} by ${gov.approverRoles.map(roleWord).join(", ") || "any role"}; never the creator${gov.allowCreatorRole ? "" : ", nor the creator's role"}`,
    ]);
  if (gov?.retentionYears) rows.push(["Retention", `${gov.retentionYears} years, until ${gov.retainUntil ?? "?"}`]);
  keyValues(doc, rows);

  subheading(doc, "Seal");
  keyValues(doc, [
    ["Key fingerprint", fingerprintText(sealed), "mono"],
    ["Merkle root", sealed.merkleRoot, "mono"],
    ["Previous root", meta.previousRoot ?? "none (first snapshot of this estate)", "mono"],
  ]);
}

function findingRules(f: TReportFinding, trace: Map<string, TTraceRow>): string {
  if (f.ruleIds.length === 0) return "-";
  const named = f.ruleIds.map((id) => (trace.has(id) && f.ruleIds.length <= 3 ? `${id} '${trace.get(id)!.ruleName}'` : id));
  return listWithMore(named, LIMITS.ruleIdsPerFinding);
}

function findingsSection(doc: PDFKit.PDFDocument, input: TReportInput, model: TReportModel): void {
  doc.addPage();
  heading(doc, sectionTitle("findings"), tags("findings"));
  const { parts } = input.sealed;
  if (parts.equivalence.status !== "provided" && parts.lint.status !== "provided") {
    para(doc, "Not provided: neither the translation's findings nor lint results are in this snapshot.");
    return;
  }
  if (model.findings.length === 0) {
    para(doc, "No findings.");
    return;
  }
  barChart(
    doc,
    "Findings by severity",
    findingsBySeverity(model.findings.map((f) => f.raw)).map((s) => ({
      label: s.severity,
      value: s.count,
      color: SEVERITY_COLORS[s.severity],
    })),
  );
  const trace = new Map(model.trace.map((r) => [r.ruleId, r]));
  // One row per kind of finding (the translation raises one per flow set or rule; lint one per rule), most severe first.
  const groups = new Map<string, TReportFinding[]>();
  for (const f of model.findings) {
    const key = `${f.source}\u0000${f.code ?? f.title}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const rows: string[][] = [...groups.values()].slice(0, LIMITS.findingRows).map((group) => {
    const first = group[0];
    const label =
      group.length === 1
        ? `${first.id}: ${first.title}`
        : `${first.title} (${plural(group.length, first.source === "lint" ? "rule" : "finding")}${first.source === "lint" ? ", lint" : ""})`;
    const ruleIds = [...new Set(group.flatMap((f) => f.ruleIds))];
    return [
      first.severity.toUpperCase(),
      `${label}${first.why ? `\n${clip(first.why, 260)}` : ""}`,
      group.length === 1 ? findingRules(first, trace) : ruleIds.length ? listWithMore(ruleIds, LIMITS.ruleIdsPerFinding) : "-",
      clip(first.remediation ?? (first.source === "lint" ? "Review the rule; remove or reorder it if it is not needed." : "-"), 260),
      controlsForFinding({ ...first.raw, code: first.code })
        .map(controlLabel)
        .join("\n"),
    ];
  });
  if (groups.size > LIMITS.findingRows)
    rows.push(["", `${nf.format(groups.size - LIMITS.findingRows)} more kinds of finding in ${REPORT_FILES.findings}`, "", "", ""]);
  table(doc, ["Severity", "Finding", "Affected rules", "Remediation", "Evidence for"], [0.09, 0.35, 0.16, 0.24, 0.16], rows, { size: 7.5 });
}

function differencesSection(doc: PDFKit.PDFDocument, input: TReportInput, model: TReportModel): void {
  heading(doc, sectionTitle("differences"), tags("differences"));
  if (input.sealed.parts.equivalence.status !== "provided") {
    para(doc, "Not provided: no equivalence result in this snapshot.");
    return;
  }
  if (model.differences.length === 0) {
    para(doc, "None: both rule sets allow exactly the same traffic.");
    return;
  }
  const total = model.verdict.accounted + model.verdict.unexplained;
  para(
    doc,
    `${plural(total, "difference")} in total (${nf.format(model.verdict.unexplained)} unexplained, ${nf.format(model.verdict.accounted)} accounted for by ${plural(model.verdict.findings, "finding")}). ` +
      (model.differencesStored < total
        ? `The snapshot details ${nf.format(model.differencesStored)} of them (unexplained first, then each finding in turn)${
            model.groupCountsComplete ? "; the counts below cover all of them" : "; the counts below cover those detailed"
          }. `
        : "") +
      `Each difference is a class of flows; the example is one flow of it, evaluated on both sides. All of them: ${REPORT_FILES.differences} in the bundle.`,
  );
  for (const g of model.groups.slice(0, LIMITS.differenceGroups)) {
    const title =
      g.key === "unexplained"
        ? `Unexplained - ${plural(g.count, "difference")} no finding accounts for`
        : `${g.findings.map((f) => `${f.id} '${f.title}' (${f.severity})`).join(" + ") || g.key} - ${plural(g.count, "difference")}`;
    subheading(doc, title, g.key === "unexplained" ? "#c92a2a" : undefined);
    bullets(
      doc,
      g.examples.slice(0, LIMITS.examplesPerGroup).map((d) => `${d.example} Class: ${d.srcClass} -> ${d.dstClass}.`),
      { size: 8 },
    );
  }
  if (model.groups.length > LIMITS.differenceGroups)
    para(doc, `${nf.format(model.groups.length - LIMITS.differenceGroups)} more groups in ${REPORT_FILES.differences}.`, { size: 8.5 });
  if (model.unmatchedVms.length > 0)
    para(
      doc,
      `NSX VMs without a Kubernetes counterpart (each an unexplained difference): ${listWithMore(
        model.unmatchedVms.map((u) => `${u.name}${u.reason ? ` (${u.reason})` : ""}`),
        10,
      )}.`,
      { color: "#c92a2a" },
    );
}

const STATUS_ORDER = ["carried", "partly carried", "not carried", "not carried (disabled)", "not needed (never decides)"] as const;

function traceabilitySection(doc: PDFKit.PDFDocument, input: TReportInput, model: TReportModel): void {
  doc.addPage();
  heading(doc, sectionTitle("traceability"), tags("traceability"));
  if (input.sealed.parts.policy.status !== "provided") {
    para(doc, "Not provided: the normalised policy is not in this snapshot.");
    return;
  }
  const counts = STATUS_ORDER.map((s) => [s, model.trace.filter((r) => r.status === s).length] as const).filter(([, n]) => n > 0);
  para(
    doc,
    `${plural(model.trace.length, "NSX rule")}: ${counts.map(([s, n]) => `${nf.format(n)} ${s}`).join(", ")}. ` +
      "Carried: emitted objects name the rule (annotation nsx-rule-ids) and no finding changes what it allows. Partly carried: emitted, but a finding says some of its traffic is lost or added. " +
      "Not carried: no object carries it (see its finding). Not needed: the rule never decides a flow (lint).",
    { size: 8.5 },
  );
  if (input.sealed.parts.manifests.status !== "provided")
    para(doc, "The manifests are not in this snapshot, so no rule can be shown as carried.", { color: "#c92a2a" });
  const own = model.hasOwnership;
  const headers = ["NSX rule", "Action", "Emitted objects", "Status", "Findings", ...(own ? ["Owner", "Justification"] : [])];
  const widths = own ? [0.19, 0.07, 0.2, 0.1, 0.12, 0.11, 0.21] : [0.25, 0.07, 0.31, 0.11, 0.26];
  const row = (r: TTraceRow) => [
    `${r.ruleId} '${r.ruleName}'\n${r.policy} (${r.category})`,
    r.action,
    r.objects.length ? listWithMore(r.objects, 3) : "-",
    r.status,
    r.findingIds.join(", ") || "-",
    ...(own ? [r.owner ?? "not recorded", r.justification ?? "not recorded"] : []),
  ];
  if (model.trace.length <= LIMITS.traceAllRules) {
    table(doc, headers, widths, model.trace.map(row), { size: 7 });
    return;
  }
  // Large estate: per policy, then only the rules that are not fully carried.
  subheading(doc, "By policy");
  const byPolicy = new Map<string, TTraceRow[]>();
  for (const r of model.trace) byPolicy.set(r.policy, [...(byPolicy.get(r.policy) ?? []), r]);
  const policies = [...byPolicy.entries()].sort((a, b) => {
    const open = (rows: TTraceRow[]) => rows.filter((r) => r.status !== "carried").length;
    return open(b[1]) - open(a[1]) || b[1].length - a[1].length;
  });
  const policyRows = policies
    .slice(0, LIMITS.tracePolicies)
    .map(([name, rows]) => [
      `${name} (${rows[0].category})`,
      nf.format(rows.length),
      ...STATUS_ORDER.map((s) => nf.format(rows.filter((r) => r.status === s).length)),
    ]);
  if (policies.length > LIMITS.tracePolicies) {
    const rest = policies.slice(LIMITS.tracePolicies).flatMap(([, rows]) => rows);
    policyRows.push([
      `${nf.format(policies.length - LIMITS.tracePolicies)} more policies`,
      nf.format(rest.length),
      ...STATUS_ORDER.map((s) => nf.format(rest.filter((r) => r.status === s).length)),
    ]);
  }
  table(
    doc,
    ["Policy", "Rules", "Carried", "Partly", "Not carried", "Disabled", "Not needed"],
    [0.34, 0.1, 0.11, 0.11, 0.12, 0.11, 0.11],
    policyRows,
    {
      size: 7.5,
    },
  );
  const exceptions = model.trace.filter((r) => r.status !== "carried");
  subheading(doc, `Rules not fully carried (${nf.format(exceptions.length)})`);
  table(doc, headers, widths, exceptions.slice(0, LIMITS.traceExceptions).map(row), { size: 7 });
  para(
    doc,
    `${exceptions.length > LIMITS.traceExceptions ? `${nf.format(exceptions.length - LIMITS.traceExceptions)} more not fully carried. ` : ""}Every rule, carried or not, with its emitted objects: ${REPORT_FILES.traceability} in the bundle.`,
    { size: 8.5 },
  );
}

function controlsSection(doc: PDFKit.PDFDocument, model: TReportModel): void {
  doc.addPage();
  heading(doc, sectionTitle("controls"), tags("controls"));
  para(
    doc,
    "Each control this snapshot gives evidence for: the framework's own identifier and title, why the evidence supports it, and where it is in this report. Evidence supports an assessment; it is not a statement of compliance. Identifiers marked 'not verified' could not be checked against the framework's text when this catalogue was written.",
    { size: 8.5 },
  );
  doc.moveDown(0.3);
  const sectionsOf = (id: string) =>
    REPORT_SECTIONS.filter((s) => controlsForSection(s).some((x) => x.id === id)).map((s) => String(REPORT_SECTIONS.indexOf(s) + 1));
  table(
    doc,
    ["Framework, edition", "Identifier", "Title", "Why this evidence supports it", "In this report"],
    [0.17, 0.14, 0.22, 0.33, 0.14],
    CONTROLS.map((c) => {
      const n = model.findings.filter((f) => controlsForFinding({ ...f.raw, code: f.code }).some((x) => x.id === c.id)).length;
      const where = [...sectionsOf(c.id).map((s) => `section ${s}`), n ? plural(n, "finding") : ""].filter(Boolean).join(", ");
      return [
        `${FRAMEWORKS[c.framework].name}\n${FRAMEWORKS[c.framework].edition}`,
        `${c.identifier}${c.verified ? "" : `\n(${c.note ?? "not verified"})`}`,
        c.title,
        c.why,
        where || "-",
      ];
    }),
    { size: 7 },
  );
}

function approvalsSection(doc: PDFKit.PDFDocument, input: TReportInput, model: TReportModel): void {
  heading(doc, sectionTitle("approvals"), tags("approvals"));
  const gov = governanceOf(input.sealed);
  para(doc, approvalStatus(model.approvals, gov, input.sealed.meta.createdBy), { bold: true });
  if (model.approvals.length === 0) {
    para(doc, "No decision yet. A person other than the creator must approve this snapshot (four-eyes principle).");
    return;
  }
  table(
    doc,
    ["Decision", "By (role)", "At", "Change reference", "Reason"],
    [0.1, 0.24, 0.18, 0.16, 0.32],
    model.approvals.map((p) => [p.decision, `${p.who}\n(${roleWord(p.role)})`, p.at, p.changeRef ?? "not recorded", p.reason ?? "-"]),
    { size: 7.5 },
  );
}

function integrityAppendix(doc: PDFKit.PDFDocument, input: TReportInput): void {
  const { sealed } = input;
  doc.addPage();
  heading(doc, sectionTitle("integrity"), tags("integrity"));
  para(
    doc,
    "How to check this snapshot offline: the bundle's README.md gives the openssl, jq and python steps, or run `parity snapshot verify`. A successful check proves the parts are the ones sealed, by the key below, and linked to the previous snapshot.",
    { size: 8.5 },
  );
  keyValues(doc, [
    ["Merkle root", sealed.merkleRoot, "mono"],
    ["Previous root", sealed.meta.previousRoot ?? "none", "mono"],
    ["Signature", "Ed25519, DSSE envelope over an in-toto Statement v1"],
    ["Key id", sealed.keyId, "mono"],
    ["Key fingerprint", fingerprintText(sealed), "mono"],
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
  const missing = Object.entries(sealed.parts).filter(([, p]) => rec(p)?.status === "not-provided");
  if (missing.length > 0)
    para(doc, `Parts sealed as not provided: ${missing.map(([k, p]) => `${k} (${String(rec(p)!.reason)})`).join("; ")}.`, { size: 8.5 });
  para(doc, "Public key (SPKI PEM):", { bold: true, size: 8.5 });
  para(doc, sealed.publicKeyPem, { mono: true, size: 7.5 });
}

function footers(doc: PDFKit.PDFDocument, sealed: TSealedSnapshot): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // The footer sits in the bottom margin: without this pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN + 14;
    doc
      .font("Helvetica")
      .fontSize(7)
      .fillColor("#777")
      .text(
        pdfText(`${sealed.meta.estateName} - snapshot #${sealed.meta.sequence} - Merkle root ${sealed.merkleRoot.slice(0, 16)}...`),
        MARGIN,
        y,
        { width: contentWidth(doc) * 0.8, lineBreak: false },
      );
    doc.text(`page ${i + 1} of ${range.count}`, MARGIN, y, { width: contentWidth(doc), align: "right", lineBreak: false });
  }
}

export function renderReportPdf(input: TReportInput): Promise<Uint8Array> {
  const { sealed } = input;
  const { meta } = sealed;
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    bufferPages: true,
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
      for (const c of chunks) {
        out.set(c, o);
        o += c.length;
      }
      resolve(out);
    });
    doc.on("error", reject);
  });

  const model = buildReportModel(sealed, input.approvals, { examples: LIMITS.examplesPerGroup });
  executiveSummary(doc, input, model);
  findingsSection(doc, input, model);
  differencesSection(doc, input, model);
  traceabilitySection(doc, input, model);
  controlsSection(doc, model);
  approvalsSection(doc, input, model);
  integrityAppendix(doc, input);
  footers(doc, sealed);
  doc.end();
  return done;
}
