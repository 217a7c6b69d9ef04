/**
 * PDF export of a scorecard, rendered in memory to bytes (pdfkit): a score table, a bar chart of the
 * weighted totals drawn with vector primitives, the explanation in words, knock-outs, sensitivity, custom
 * criteria with their normalisation rule, and notes.
 */
import type { TScorecard } from "../scorecard.ts";
import { analysisSections, MARGIN, openPdf, pdfText, scoreTable } from "./pdf-kit.ts";

export interface ScorecardPdfOptions {
  title?: string;
  /** Fixed timestamp for reproducible output; defaults to now. */
  generatedAt?: Date;
}

export function scorecardToPdf(s: TScorecard, options: ScorecardPdfOptions = {}): Promise<Uint8Array> {
  const generatedAt = options.generatedAt ?? new Date();
  const title = options.title ?? "Platform scorecard: NSX replacement";
  const pdf = openPdf(title, generatedAt);
  pdf.heading(title, 16);
  pdf.text(
    `Catalogue ${s.catalogueVersion} · weights: ${s.weights.method} · generated ${generatedAt.toISOString().slice(0, 10)}` +
      (s.estateCoverage ? ` · estate "${s.estateCoverage.estate}" (${s.estateCoverage.enabledRules} enabled rules)` : ""),
    { size: 9, color: "#555555" },
  );
  pdf.doc.moveDown(0.8);
  scoreTable(pdf, s);

  pdf.doc.addPage();
  pdf.doc.y = MARGIN;
  pdf.heading("Weighted totals");
  pdf.totalsChart(s);
  pdf.text(pdfText(s.explanation.leadSentence), { size: 9 });
  pdf.doc.moveDown(0.5);
  analysisSections(pdf, s);
  pdf.doc.end();
  return pdf.done;
}
