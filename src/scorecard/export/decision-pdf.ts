/**
 * The decision record as a PDF: page 1 the decision (chosen platform, where it stands on the scorecard,
 * rationale, dissent, who and when, the record's SHA-256 and audit seal); then the frozen scorecard (scores,
 * weights, totals chart, explanation, sensitivity, custom criteria rules), every score's evidence and
 * sources, and the vendor-workshop answers cited, with their attachments' SHA-256.
 */
import { choiceStanding, type TDecisionRecord } from "../decision.ts";
import { analysisSections, fmt, MARGIN, openPdf, scoreTable } from "./pdf-kit.ts";

export interface DecisionPdfOptions {
  /** SHA-256 of the record's canonical JSON (what the audit seal covers). */
  sha256?: string;
  /** "Sealed in audit snapshot #7 (Merkle root …)", when sealed. */
  seal?: string;
  generatedAt?: Date;
}

export function decisionToPdf(record: TDecisionRecord, options: DecisionPdfOptions = {}): Promise<Uint8Array> {
  const s = record.scorecard;
  const chosen = s.platforms.find((p) => p.id === record.chosenPlatform)?.name ?? record.chosenPlatform;
  const title = `Platform decision #${record.number}: ${record.estate.name}`;
  const pdf = openPdf(title, options.generatedAt ?? new Date(record.decidedAt));
  pdf.heading(title, 16);
  pdf.text(
    `Decided ${record.decidedAt.slice(0, 16).replace("T", " ")} UTC by ${record.decidedBy.name} <${record.decidedBy.email}> · scorecard version ${record.scorecardVersion} · weights: ${s.weights.method}`,
    { size: 9, color: "#555555" },
  );
  pdf.doc.moveDown(0.6);
  pdf.text(`Chosen platform: ${chosen}`, { size: 14, bold: true });
  pdf.text(choiceStanding(record), { size: 10 });
  pdf.doc.moveDown(0.5);
  pdf.heading("Rationale", 11);
  pdf.text(record.rationale, { size: 9.5 });
  pdf.doc.moveDown(0.5);
  pdf.heading("Dissent", 11);
  pdf.text(record.dissent.trim() ? record.dissent : "None recorded: no dissenting view was stated.", { size: 9.5 });
  pdf.doc.moveDown(0.5);
  pdf.heading("Why the scorecard ranks as it does", 11);
  pdf.text(s.explanation.leadSentence, { size: 9.5 });
  pdf.text(s.explanation.flipSentence, { size: 9.5 });
  pdf.doc.moveDown(0.5);
  pdf.heading("Integrity", 11);
  pdf.text(
    `Record SHA-256 (canonical JSON): ${options.sha256 ?? "not computed"}. ${options.seal ?? "Not sealed in the audit chain yet."}`,
    { size: 8.5, color: "#333333" },
  );

  pdf.doc.addPage();
  pdf.doc.y = MARGIN;
  pdf.heading("Criteria, weights and scores (frozen)");
  scoreTable(pdf, s);
  pdf.doc.moveDown(0.6);
  pdf.heading("Weighted totals");
  pdf.totalsChart(s);
  analysisSections(pdf, s);

  pdf.doc.addPage();
  pdf.doc.y = MARGIN;
  pdf.heading("Evidence per score");
  const cols = [0.2, 0.1, 0.06, 0.09, 0.3, 0.25];
  pdf.row(["Criterion", "Platform", "Score", "Evidence", "Rationale", "Sources"], cols, true);
  for (const c of s.criteria)
    for (const x of c.scores)
      pdf.row(
        [
          c.name,
          s.platforms.find((p) => p.id === x.platform)?.shortName ?? x.platform,
          fmt(x.score),
          `${x.evidence}, ${x.date}`,
          x.rationale,
          x.sources.map((r) => `${r.document} — ${r.section}`).join("; "),
        ],
        cols,
      );

  pdf.doc.moveDown(0.8);
  pdf.heading("Vendor-workshop answers cited");
  if (record.workshopEvidence.length === 0) pdf.text("No score in this version cites a workshop answer.", { size: 9 });
  for (const a of record.workshopEvidence) {
    const platform = s.platforms.find((p) => p.id === a.platform)?.name ?? a.platform;
    pdf.text(`${platform} — workshop "${a.session.title}" on ${a.session.date}`, { size: 9.5, bold: true });
    pdf.text(
      `Participants: ${a.session.participants.join(", ") || "—"}; vendor attendees: ${a.session.vendorAttendees.join(", ") || "—"}. Recorded by ${a.recordedBy} at ${a.recordedAt.slice(0, 16).replace("T", " ")} UTC.`,
      { size: 8, color: "#555555" },
    );
    pdf.text(`Q${a.questionId ? ` (${a.questionId})` : ""}: ${a.questionTitle}`, { size: 8.5, bold: true });
    pdf.text(`A: ${a.answer}`, { size: 8.5 });
    for (const f of a.attachments) pdf.text(`Attachment ${f.name} (${f.contentType}, ${f.size} bytes), SHA-256 ${f.sha256}`, { size: 7.5 });
    pdf.doc.moveDown(0.4);
  }
  pdf.doc.end();
  return pdf.done;
}
