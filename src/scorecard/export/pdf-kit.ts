/**
 * The building blocks shared by the scorecard PDF and the decision-record PDF (pdfkit, A4 landscape):
 * WinAnsi-safe text, a table writer that breaks pages, paragraphs with bullets, and the weighted-totals bar
 * chart drawn with vector primitives (so the chart is real text and shapes, not a picture).
 */
import PDFDocument from "pdfkit";
import type { TScorecard } from "../scorecard.ts";

export const MARGIN = 40;
const BAR_COLOURS = ["#1f4e79", "#c00000", "#2e7d32", "#7b1fa2"];

/** Helvetica (a PDF standard font) covers WinAnsi only: map the few other characters our texts use. */
export function pdfText(s: string): string {
  return s
    .replace(/≥/g, ">=")
    .replace(/≤/g, "<=")
    .replace(/λ/g, "lambda")
    .replace(/Σ/g, "sum")
    .replace(/−/g, "-")
    .replace(/→/g, "->")
    .replace(/×/g, "x")
    .replace(/[^\x20-\x7e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac\n]/g, "?");
}

export const fmt = (x: number, digits = 2) => x.toFixed(digits);

export interface TPdf {
  doc: PDFKit.PDFDocument;
  width: number;
  done: Promise<Uint8Array>;
  /** One table row; `cols` are fractions of the page width. */
  row: (cells: string[], cols: number[], bold?: boolean) => void;
  heading: (text: string, size?: number) => void;
  para: (title: string, lines: string[]) => void;
  text: (text: string, options?: { size?: number; bold?: boolean; color?: string }) => void;
  totalsChart: (s: TScorecard) => void;
}

export function openPdf(title: string, generatedAt: Date): TPdf {
  const doc = new PDFDocument({ size: "A4", layout: "landscape", margin: MARGIN, info: { Title: title, CreationDate: generatedAt } });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const ensure = (h: number) => {
    if (doc.y + h > doc.page.height - MARGIN) {
      doc.addPage();
      doc.x = MARGIN;
      doc.y = MARGIN;
    }
  };

  const row = (cells: string[], fractions: number[], bold = false) => {
    const cols = fractions.map((f) => f * width);
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(8);
    const heights = cells.map((c, i) => doc.heightOfString(pdfText(c), { width: cols[i] - 4 }));
    const h = Math.max(...heights) + 3;
    ensure(h);
    const top = doc.y;
    let x = MARGIN;
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

  const heading = (text: string, size = 12) => {
    ensure(40);
    doc.font("Helvetica-Bold").fontSize(size).fillColor("black").text(pdfText(text), MARGIN, doc.y, { width });
    doc.moveDown(0.3);
  };

  const text = (t: string, options: { size?: number; bold?: boolean; color?: string } = {}) => {
    doc
      .font(options.bold ? "Helvetica-Bold" : "Helvetica")
      .fontSize(options.size ?? 9)
      .fillColor(options.color ?? "black")
      .text(pdfText(t), MARGIN, doc.y, { width });
    doc.fillColor("black");
  };

  const para = (title: string, lines: string[]) => {
    heading(title, 11);
    doc.font("Helvetica").fontSize(8.5);
    for (const l of lines.length ? lines : ["None."]) doc.text(pdfText(`• ${l}`), MARGIN, doc.y, { width });
    doc.moveDown(0.6);
  };

  const totalsChart = (s: TScorecard) => {
    const labelW = 170;
    const barMaxW = width - labelW - 60;
    const barH = 22;
    const height = s.platforms.length * (barH + 10) + 30;
    ensure(height + 20);
    const chartTop = doc.y + 10;
    const res = (id: string) => s.results.find((r) => r.platform === id);
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
        .text(`${fmt(r?.total ?? 0)}${r?.excluded ? " (excluded)" : ` (rank ${r?.rank ?? "-"})`}`, MARGIN + labelW + w + 4, y + 7);
    });
    doc.x = MARGIN;
    doc.y = chartTop + height;
  };

  return { doc, width, done, row, heading, para, text, totalsChart };
}

/** The score table: criterion, weight, each platform's score ((a) marks assumptions, * cites a workshop answer). */
export function scoreTable(pdf: TPdf, s: TScorecard) {
  const cols = [0.36, 0.08, ...s.platforms.map(() => 0.56 / s.platforms.length)];
  pdf.row(["Criterion", "Weight", ...s.platforms.map((p) => p.shortName)], cols, true);
  for (const c of s.criteria)
    pdf.row(
      [
        c.name + (c.knockOut ? ` (knock-out < ${c.knockOut.minScore})` : "") + (c.kind === "custom" ? " [custom]" : ""),
        fmt(c.weight, 3),
        ...s.platforms.map((p) => {
          const x = c.scores.find((v) => v.platform === p.id);
          if (!x) return "";
          return `${fmt(x.score, 2)}${x.value ? ` (${x.value})` : ""}${x.evidence === "assumption" ? " (a)" : ""}${x.answerId ? " *" : ""}`;
        }),
      ],
      cols,
    );
  const res = (id: string) => s.results.find((r) => r.platform === id);
  pdf.row(["Weighted total (0–5)", "", ...s.platforms.map((p) => fmt(res(p.id)?.total ?? 0))], cols, true);
  pdf.row(["Rank", "", ...s.platforms.map((p) => String(res(p.id)?.rank ?? "excluded"))], cols, true);
  pdf.row(
    [
      `P(rank 1), Monte Carlo N=${s.monteCarlo.samples}, seed ${s.monteCarlo.seed}, k=${s.monteCarlo.concentration}`,
      "",
      ...s.platforms.map((p) => fmt(s.monteCarlo.probabilityTop[p.id] ?? 0, 3)),
    ],
    cols,
    true,
  );
  pdf.doc.moveDown(0.3);
  pdf.text("(a) = assumption: the seed documents are silent; to be settled in the vendor workshop. * = cites a vendor-workshop answer.", {
    size: 7,
    color: "#555555",
  });
}

/** Knock-outs, explanation, sensitivity, custom criteria rules, estate coverage and notes. */
export function analysisSections(pdf: TPdf, s: TScorecard) {
  pdf.para("Why the leader leads", [s.explanation.leadSentence, s.explanation.flipSentence].filter(Boolean));
  pdf.para(
    "Knock-outs",
    s.knockOuts.map(
      (k) =>
        `${k.platform} excluded by ${k.criterionId}${k.score !== undefined ? ` (score ${fmt(k.score, 2)} < ${k.minScore})` : ""}: ${k.reason}`,
    ),
  );
  const flip = s.sensitivity.rankFlip;
  const oatChanged = s.sensitivity.oneAtATime.cases.filter((c) => c.topChanged);
  pdf.para("Sensitivity", [
    `Leader: ${flip.top ?? "none"}.`,
    flip.mostSensitive
      ? `Smallest single-weight change that changes the leader: ${flip.mostSensitive.direction} the weight of ${flip.mostSensitive.criterion} from ${fmt(flip.mostSensitive.flip.weight - flip.mostSensitive.flip.change, 3)} to ${fmt(flip.mostSensitive.flip.weight, 3)} -> ${flip.mostSensitive.flip.newTop} leads.`
      : "No single-weight change between 0 and 1 changes the leader.",
    `One-at-a-time ±${Math.round(s.sensitivity.oneAtATime.step * 100)} %: ${oatChanged.length === 0 ? "the leader never changes." : oatChanged.map((c) => `${c.criterion} ${c.direction} -> ${c.top.join("/")}`).join("; ")}`,
  ]);
  const custom = s.criteria.filter((c) => c.custom);
  if (custom.length)
    pdf.para(
      "Custom criteria and their normalisation",
      custom.map(
        (c) =>
          `${c.name} (${c.custom!.direction === "lower-is-better" ? "lower is better" : "higher is better"}${c.custom!.unit.kind === "number" ? `, unit ${c.custom!.unit.label}` : ", score 0–5"}): ${c.custom!.rule} Values: ${c.scores.map((x) => `${x.platform} ${x.value ?? fmt(x.score)} -> ${fmt(x.score)}`).join("; ")}.`,
      ),
    );
  if (s.estateCoverage)
    pdf.para(
      "Estate coverage",
      s.estateCoverage.platforms.map(
        (p) =>
          `${p.platform}: ${p.expressible}/${p.rules} rules (${fmt(p.share * 100, 1)} %) — ${p.basisLabel}${p.knockOut ? `. KNOCK-OUT: ${p.knockOut}` : ""}`,
      ),
    );
  pdf.para("Notes", s.notes);
}
