/**
 * XML parsing without DTDs or entity expansion: any `<!DOCTYPE` / `<!ENTITY` is refused before parsing
 * (no billion laughs, no external entities), fast-xml-parser runs with `processEntities: false`, and the five
 * predefined entities plus numeric character references are decoded by hand where text is read.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { lineColumnAt } from "../json/parse-json.ts";

export type XmlOutcome = { ok: true; value: Record<string, unknown> } | { ok: false; where: string; message: string };

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

export function refuseDtd(text: string): { where: string; message: string } | undefined {
  const match = /<!(DOCTYPE|ENTITY)/i.exec(text);
  if (!match) return undefined;
  const { line, column } = lineColumnAt(text, match.index);
  return {
    where: `line ${line}, column ${column}`,
    message: `XML with <!${match[1].toUpperCase()}> is refused: no DTDs or entities are processed`,
  };
}

export function parseXml(text: string, arrayElements: ReadonlySet<string>): XmlOutcome {
  const refused = refuseDtd(text);
  if (refused) return { ok: false, ...refused };
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    return { ok: false, where: `line ${valid.err.line}, column ${valid.err.col}`, message: `Invalid XML: ${valid.err.msg}` };
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    captureMetaData: true,
    isArray: (name) => arrayElements.has(name),
  });
  try {
    return { ok: true, value: parser.parse(text) as Record<string, unknown> };
  } catch (error) {
    return { ok: false, where: "line 1, column 1", message: `Invalid XML: ${error instanceof Error ? error.message : String(error)}` };
  }
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity[0] !== "#") return NAMED[entity];
    const code = entity[1] === "x" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : "\uFFFD";
  });
}

/** `line L, column C` of a parsed element (from fast-xml-parser's captured start index). */
export class XmlLocator {
  private lineStarts: number[] | undefined;

  constructor(private readonly text: string) {}

  where(node: unknown): string {
    const meta =
      typeof node === "object" && node !== null ? (node as Record<symbol, { startIndex?: number } | undefined>)[META] : undefined;
    if (meta?.startIndex === undefined) return "line ?, column ?";
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= meta.startIndex) lo = mid;
      else hi = mid - 1;
    }
    return `line ${lo + 1}, column ${meta.startIndex - this.lineStarts[lo] + 1}`;
  }
}

/** Text content of an element that may carry attributes (`{"#text": ..., "@_x": ...}`) or be a plain string. */
export function textOf(node: unknown): string | undefined {
  if (typeof node === "string") return decodeXmlText(node);
  if (typeof node === "object" && node !== null && "#text" in node) return decodeXmlText(String((node as { "#text": unknown })["#text"]));
  return undefined;
}

export function attributeOf(node: unknown, name: string): string | undefined {
  if (typeof node !== "object" || node === null) return undefined;
  const value = (node as Record<string, unknown>)[`@_${name}`];
  return typeof value === "string" ? decodeXmlText(value) : undefined;
}
