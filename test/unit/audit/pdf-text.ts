/** Minimal text extraction for pdfkit output rendered with compress:false (hex strings in Tj / TJ). */
export function pdfTextContent(pdf: Uint8Array): string {
  const src = new TextDecoder("latin1").decode(pdf);
  const hex = (h: string) => String.fromCharCode(...(h.match(/../g) ?? []).map((x) => parseInt(x, 16)));
  const lines: string[] = [];
  for (const m of src.matchAll(/\[((?:<[0-9a-fA-F]*>\s*-?[\d.]*\s*)+)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
    lines.push(m[1] ? [...m[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => hex(x[1])).join("") : hex(m[2]));
  }
  // wrapped lines are separate text operations: join with spaces so phrases can be searched whole
  return lines.join(" ").replace(/\s+/g, " ");
}
