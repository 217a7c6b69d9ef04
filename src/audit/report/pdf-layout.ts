/**
 * Small layout helpers on top of pdfkit: headings with control tags, key/value lines, wrapped tables that
 * break across pages, and a bar chart from vector primitives. The standard PDF fonts only cover WinAnsi,
 * so text is mapped to it (arrows and symbols spelled out) rather than silently mis-encoded.
 */
import type PDFDocument from "pdfkit";

type Doc = InstanceType<typeof PDFDocument>;

export const MARGIN = 50;
const WINANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const REPLACE: Record<string, string> = { "→": "->", "←": "<-", "≠": "!=", "≤": "<=", "≥": ">=", "✓": "OK", "✗": "X", "×": "x" };

export function pdfText(s: string): string {
  let out = "";
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || ch === "\n" || WINANSI_EXTRA.has(ch)) out += ch;
    else out += REPLACE[ch] ?? "?";
  }
  return out;
}

export function contentWidth(doc: Doc): number {
  return doc.page.width - 2 * MARGIN;
}

export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

export function heading(doc: Doc, title: string, controls: string[], opts: { small?: boolean } = {}): void {
  ensureSpace(doc, 80);
  doc
    .moveDown(opts.small ? 0.4 : 0.8)
    .font("Helvetica-Bold")
    .fontSize(opts.small ? 12 : 15)
    .fillColor("#1f3a5f")
    .text(pdfText(title), MARGIN);
  if (controls.length) {
    doc
      .font("Helvetica-Oblique")
      .fontSize(7.5)
      .fillColor("#555")
      .text(pdfText(`Evidence for: ${controls.join(" | ")}`), { width: contentWidth(doc) });
  }
  doc.moveDown(0.4).fillColor("black");
}

export function subheading(doc: Doc, title: string, color = "#1f3a5f"): void {
  ensureSpace(doc, 40);
  doc
    .moveDown(0.4)
    .font("Helvetica-Bold")
    .fontSize(10)
    .fillColor(color)
    .text(pdfText(title), MARGIN, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.15).fillColor("black");
}

/** A bulleted list; each item wraps under its own text. */
export function bullets(doc: Doc, items: string[], opts: { size?: number } = {}): void {
  const size = opts.size ?? 8.5;
  for (const item of items) {
    const text = pdfText(item);
    const h = doc
      .font("Helvetica")
      .fontSize(size)
      .heightOfString(text, { width: contentWidth(doc) - 12 });
    ensureSpace(doc, h + 2);
    const y = doc.y;
    doc
      .font("Helvetica")
      .fontSize(size)
      .fillColor("black")
      .text("-", MARGIN + 2, y);
    doc.text(text, MARGIN + 12, y, { width: contentWidth(doc) - 12 });
    doc.moveDown(0.15);
  }
  doc.x = MARGIN;
}

export function para(doc: Doc, text: string, opts: { bold?: boolean; size?: number; mono?: boolean; color?: string } = {}): void {
  const font = opts.mono ? "Courier" : opts.bold ? "Helvetica-Bold" : "Helvetica";
  doc
    .font(font)
    .fontSize(opts.size ?? 9.5)
    .fillColor(opts.color ?? "black")
    .text(pdfText(text), MARGIN, doc.y, { width: contentWidth(doc) });
  doc.fillColor("black");
}

export function keyValues(doc: Doc, rows: [string, string, ("mono" | undefined)?][]): void {
  for (const [k, v, style] of rows) {
    ensureSpace(doc, 14);
    const y = doc.y;
    doc.font("Helvetica-Bold").fontSize(9).text(pdfText(k), MARGIN, y, { width: 120 });
    doc
      .font(style === "mono" ? "Courier" : "Helvetica")
      .fontSize(style === "mono" ? 8 : 9)
      .text(pdfText(v), MARGIN + 125, y, { width: contentWidth(doc) - 125 });
    doc.moveDown(0.15);
  }
}

/** A table with wrapped cells; the header repeats after a page break. Widths are fractions of the page. */
export function table(
  doc: Doc,
  headers: string[],
  widths: number[],
  rows: string[][],
  opts: { mono?: number[]; size?: number } = {},
): void {
  const size = opts.size ?? 8;
  const total = contentWidth(doc);
  const cols = widths.map((w) => w * total);
  const drawRow = (cells: string[], header: boolean) => {
    const fontFor = (i: number) => (header ? "Helvetica-Bold" : opts.mono?.includes(i) ? "Courier" : "Helvetica");
    const heights = cells.map((c, i) =>
      doc
        .font(fontFor(i))
        .fontSize(size)
        .heightOfString(pdfText(c), { width: cols[i] - 6 }),
    );
    const h = Math.max(...heights, size) + 6;
    if (doc.y + h > doc.page.height - MARGIN) {
      doc.addPage();
      if (!header) drawRow(headers, true);
    }
    const y = doc.y;
    if (header) doc.rect(MARGIN, y, total, h).fill("#e8eef5").fillColor("black");
    let x = MARGIN;
    cells.forEach((c, i) => {
      doc
        .font(fontFor(i))
        .fontSize(size)
        .fillColor("black")
        .text(pdfText(c), x + 3, y + 3, { width: cols[i] - 6 });
      x += cols[i];
    });
    doc
      .moveTo(MARGIN, y + h)
      .lineTo(MARGIN + total, y + h)
      .lineWidth(0.3)
      .strokeColor("#bbb")
      .stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  // Keep the header with the first row: a header alone at the foot of a page reads as an empty table.
  if (rows.length > 0) {
    const first = Math.max(
      ...rows[0].map((c, i) =>
        doc
          .font(opts.mono?.includes(i) ? "Courier" : "Helvetica")
          .fontSize(size)
          .heightOfString(pdfText(c), { width: cols[i] - 6 }),
      ),
    );
    ensureSpace(doc, Math.min(first + size * 4, doc.page.height / 2));
  }
  drawRow(headers, true);
  for (const r of rows) drawRow(r, false);
  doc.moveDown(0.5);
}

/** Horizontal bar chart (e.g. findings by severity), drawn with rectangles so it stays vector and searchable. */
export function barChart(doc: Doc, title: string, bars: { label: string; value: number; color: string }[]): void {
  const rowH = 16;
  ensureSpace(doc, 30 + bars.length * rowH);
  para(doc, title, { bold: true, size: 9.5 });
  const max = Math.max(1, ...bars.map((b) => b.value));
  const labelW = 70;
  const barMax = contentWidth(doc) - labelW - 50;
  let y = doc.y + 4;
  for (const b of bars) {
    doc
      .font("Helvetica")
      .fontSize(8.5)
      .fillColor("black")
      .text(pdfText(b.label), MARGIN, y + 3, { width: labelW });
    const w = (b.value / max) * barMax;
    if (w > 0) doc.rect(MARGIN + labelW, y, w, rowH - 4).fill(b.color);
    doc.fillColor("black").text(String(b.value), MARGIN + labelW + w + 5, y + 3);
    y += rowH;
  }
  doc.x = MARGIN;
  doc.y = y + 6;
}
