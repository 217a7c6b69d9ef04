/**
 * PDF export of a scorecard, rendered in memory to bytes (pdfkit): a score table, a bar chart of the
 * weighted totals drawn with vector primitives, knock-outs, sensitivity summary and notes.
 */
import PDFDocument from "pdfkit";
import type { TScorecard } from "../scorecard.ts";

const MARGIN = 40;
const BAR_COLOURS = ["#1f4e79", "#c00000", "#2e7d32", "#7b1fa2"];

/** Helvetica (a PDF standard font) covers WinAnsi only: map the few other characters our texts use. */
function pdfText(s: string): string {
  return s
    .replace(/≥/g, ">=")
    .replace(/≤/g, "<=")
    .replace(/λ/g, "lambda")
    .replace(/Σ/g, "sum")
    .replace(/[^\x20-\x7e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac\n]/g, "?");
}

const fmt = (x: number, digits = 2) => x.toFixed(digits);

export interface ScorecardPdfOptions {
  title?: string;
  /** Fixed timestamp for reproducible output; defaults to now. */
  generatedAt?: Date;
}

export function scorecardToPdf(s: TScorecard, options: ScorecardPdfOptions = {}): Promise<Uint8Array> {
  const generatedAt = options.generatedAt ?? new Date();
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: MARGIN,
    info: { Title: options.title ?? "Platform scorecard", CreationDate: generatedAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  doc
    .font("Helvetica-Bold")
    .fontSize(16)
    .text(pdfText(options.title ?? "Platform scorecard: NSX replacement"), { width });
  doc
    .font("Helvetica")
    .fontSize(9)
    .fillColor("#555555")
    .text(
      pdfText(
        `Catalogue ${s.catalogueVersion} · weights: ${s.weights.method} · generated ${generatedAt.toISOString().slice(0, 10)}` +
          (s.estateCoverage ? ` · estate "${s.estateCoverage.estate}" (${s.estateCoverage.enabledRules} enabled rules)` : ""),
      ),
      { width },
    );
  doc.fillColor("black").moveDown(0.8);

  // Score table.
  const cols = [width * 0.36, width * 0.08, ...s.platforms.map(() => (width * 0.56) / s.platforms.length)];
  const row = (cells: string[], bold = false) => {
    const y = doc.y;
    let x = MARGIN;
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(8);
    const heights = cells.map((c, i) => doc.heightOfString(pdfText(c), { width: cols[i] - 4 }));
    const h = Math.max(...heights) + 3;
    if (y + h > doc.page.height - MARGIN) doc.addPage();
    const top = doc.y;
    cells.forEach((c, i) => {
      doc.text(pdfText(c), x + 2, top + 1.5, { width: cols[i] - 4 });
      x += cols[i];
    });
    doc
      .moveTo(MARGIN, top + h)
      .lineTo(MARGIN + width, top + h)
      .lineWidth(0.3)
      .strokeColor("#bbbbbb")
      .stroke();
    doc.x = MARGIN;
    doc.y = top + h;
  };
  row(["Criterion", "Weight", ...s.platforms.map((p) => p.shortName)], true);
  for (const c of s.criteria)
    row([
      c.name + (c.knockOut ? ` (knock-out < ${c.knockOut.minScore})` : ""),
      fmt(c.weight, 3),
      ...s.platforms.map((p) => {
        const x = c.scores.find((v) => v.platform === p.id);
        return x ? `${fmt(x.score, 1)}${x.evidence === "assumption" ? " (a)" : ""}` : "";
      }),
    ]);
  const res = (id: string) => s.results.find((r) => r.platform === id);
  row(["Weighted total (0–5)", "", ...s.platforms.map((p) => fmt(res(p.id)?.total ?? 0))], true);
  row(["Rank", "", ...s.platforms.map((p) => String(res(p.id)?.rank ?? "excluded"))], true);
  row(
    [
      `P(rank 1), Monte Carlo N=${s.monteCarlo.samples}, seed ${s.monteCarlo.seed}, k=${s.monteCarlo.concentration}`,
      "",
      ...s.platforms.map((p) => fmt(s.monteCarlo.probabilityTop[p.id] ?? 0, 3)),
    ],
    true,
  );
  doc
    .font("Helvetica")
    .fontSize(7)
    .fillColor("#555555")
    .text("(a) = assumption: the seed documents are silent; to be settled in the vendor workshop.", MARGIN, doc.y + 3, { width });
  doc.fillColor("black");

  // Bar chart of weighted totals (vector rectangles on a 0–5 axis).
  doc.addPage();
  doc.font("Helvetica-Bold").fontSize(12).text("Weighted totals", MARGIN, MARGIN);
  const chartTop = doc.y + 10;
  const labelW = 170;
  const barMaxW = width - labelW - 60;
  const barH = 22;
  for (let tick = 0; tick <= 5; tick++) {
    const x = MARGIN + labelW + (barMaxW * tick) / 5;
    doc
      .moveTo(x, chartTop - 4)
      .lineTo(x, chartTop + s.platforms.length * (barH + 10))
      .lineWidth(0.3)
      .strokeColor("#cccccc")
      .stroke();
    doc
      .font("Helvetica")
      .fontSize(7)
      .fillColor("#777777")
      .text(String(tick), x - 3, chartTop + s.platforms.length * (barH + 10) + 2);
  }
  s.platforms.forEach((p, i) => {
    const r = res(p.id);
    const y = chartTop + i * (barH + 10);
    const w = (barMaxW * Math.max(0, r?.total ?? 0)) / 5;
    doc
      .font("Helvetica")
      .fontSize(9)
      .fillColor("black")
      .text(pdfText(p.name), MARGIN, y + 6, { width: labelW - 8 });
    doc
      .rect(MARGIN + labelW, y, w, barH)
      .fillOpacity(r?.excluded ? 0.3 : 1)
      .fill(BAR_COLOURS[i % BAR_COLOURS.length]);
    doc
      .fillOpacity(1)
      .fillColor("black")
      .fontSize(8)
      .text(`${fmt(r?.total ?? 0)}${r?.excluded ? " (excluded)" : ""}`, MARGIN + labelW + w + 4, y + 7);
  });
  doc.x = MARGIN;
  doc.y = chartTop + s.platforms.length * (barH + 10) + 24;

  // Knock-outs, sensitivity and notes.
  const para = (title: string, lines: string[]) => {
    doc.font("Helvetica-Bold").fontSize(11).fillColor("black").text(title, MARGIN, doc.y, { width });
    doc.font("Helvetica").fontSize(8.5);
    for (const l of lines.length ? lines : ["None."]) doc.text(pdfText(`• ${l}`), { width });
    doc.moveDown(0.6);
  };
  para(
    "Knock-outs",
    s.knockOuts.map(
      (k) =>
        `${k.platform} excluded by ${k.criterionId}${k.score !== undefined ? ` (score ${fmt(k.score, 2)} < ${k.minScore})` : ""}: ${k.reason}`,
    ),
  );
  const flip = s.sensitivity.rankFlip;
  const oatChanged = s.sensitivity.oneAtATime.cases.filter((c) => c.topChanged);
  para("Sensitivity", [
    `Leader: ${flip.top ?? "none"}.`,
    flip.mostSensitive
      ? `Smallest single-weight change that changes the leader: ${flip.mostSensitive.direction} the weight of ${flip.mostSensitive.criterion} from ${fmt(flip.mostSensitive.flip.weight - flip.mostSensitive.flip.change, 3)} to ${fmt(flip.mostSensitive.flip.weight, 3)} -> ${flip.mostSensitive.flip.newTop} leads.`
      : "No single-weight change between 0 and 1 changes the leader.",
    `One-at-a-time ±${Math.round(s.sensitivity.oneAtATime.step * 100)} %: ${oatChanged.length === 0 ? "the leader never changes." : oatChanged.map((c) => `${c.criterion} ${c.direction} -> ${c.top.join("/")}`).join("; ")}`,
  ]);
  if (s.estateCoverage)
    para(
      "Estate coverage",
      s.estateCoverage.platforms.map(
        (p) =>
          `${p.platform}: ${p.expressible}/${p.rules} rules (${fmt(p.share * 100, 1)} %) — ${p.basisLabel}${p.knockOut ? `. KNOCK-OUT: ${p.knockOut}` : ""}`,
      ),
    );
  para("Notes", s.notes);
  doc.end();
  return done;
}
