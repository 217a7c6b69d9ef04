/**
 * A strict reader for the plain block YAML that manifests (and Parity's own emitter) are mostly made of:
 * one document of block maps and sequences, plain or simple double-quoted strings, integers, booleans and
 * empty `[]` / `{}`. It returns exactly what the `yaml` library's `parseAllDocuments(text)[0].toJS()` returns
 * for such text, and `undefined` for anything else — comments, document markers, anchors, tags, flow
 * collections, other quoting, block scalars, multi-line scalars, floats, nulls, duplicate keys — which then
 * goes to the library. Reading a large translation back was most of the verify job's time (the library
 * builds a full syntax tree per document); the property tests hold this reader to the library's answers.
 */

class Unsupported extends Error {}
const UNSUPPORTED = new Unsupported();

/** Keys read as they are: no indicator first, no `: ` / ` #` inside (core-schema look-alikes are refused). */
const PLAIN_KEY = /^[A-Za-z0-9_./(][A-Za-z0-9_./\-()+=,! ]*$/;
const INTEGER = /^[-+]?[0-9]+$/;
/** Integers read here: no sign, no leading zero (the rest is left to the library). */
const SIMPLE_INTEGER = /^(?:0|[1-9][0-9]{0,14})$/;
/** Characters whose YAML meaning (byte-order mark, other line breaks, controls) is left to the library. */
const SPECIAL_CHARACTER = /[\x00-\x09\x0b-\x1f\x7f\x85\u2028\u2029\ufeff]/;
/** Deeper than any manifest: left to the library rather than recursed into. */
const MAX_INDENT = 400;
const BOOLEAN = /^(?:true|True|TRUE|false|False|FALSE)$/;
/** Core-schema scalars that are not strings (besides integers and booleans): left to the library. */
const OTHER_NON_STRING =
  /^(?:~|null|Null|NULL|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|0o[0-7]+|0x[0-9a-fA-F]+)$/;
/** A plain scalar may not start with an indicator. */
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;

interface Line {
  indent: number;
  text: string;
}

export function readPlainYaml(text: string): unknown[] | undefined {
  if (text.length === 0 || SPECIAL_CHARACTER.test(text)) return undefined;
  const raw = text.endsWith("\n") ? text.slice(0, -1).split("\n") : text.split("\n");
  const lines: Line[] = [];
  for (const line of raw) {
    let indent = 0;
    while (indent < line.length && line.charCodeAt(indent) === 32) indent++;
    if (indent === line.length || indent > MAX_INDENT) return undefined; // blank lines: left to the library
    lines.push({ indent, text: line.slice(indent) });
  }
  if (lines[0].indent !== 0) return undefined;
  try {
    const reader = new Reader(lines);
    const value = reader.block(0);
    if (reader.at < lines.length) return undefined;
    return [value];
  } catch (error) {
    if (error === UNSUPPORTED) return undefined;
    throw error;
  }
}

class Reader {
  at = 0;
  constructor(private readonly lines: Line[]) {}

  /** The collection starting at the current line, whose lines sit at `indent`. */
  block(indent: number): unknown {
    const line = this.lines[this.at];
    if (!line || line.indent !== indent) throw UNSUPPORTED;
    return isItem(line.text) ? this.sequence(indent) : this.map(indent, line.text);
  }

  /** A block map at `indent`; `first` is its first line's text (a sequence item's map starts after "- "). */
  private map(indent: number, first: string): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    let text: string | undefined = first;
    for (;;) {
      const colon = entryColon(text);
      if (colon < 0) throw UNSUPPORTED;
      const key = readKey(text.slice(0, colon));
      if (Object.hasOwn(map, key)) throw UNSUPPORTED; // the library reports duplicate keys
      const rest = text.slice(colon + 1);
      this.at++;
      if (rest === "") map[key] = this.nested(indent);
      else if (rest.startsWith(" ") && rest.length > 1) {
        map[key] = scalar(rest.slice(1));
        const next = this.lines[this.at];
        if (next && next.indent > indent) throw UNSUPPORTED; // a continuation line: a multi-line scalar
      } else throw UNSUPPORTED;
      const next = this.lines[this.at];
      if (!next || next.indent < indent) return map;
      if (next.indent > indent || isItem(next.text)) throw UNSUPPORTED;
      text = next.text;
    }
  }

  /** The value of `key:` with nothing after the colon: a deeper block, or a sequence at the key's own indent. */
  private nested(indent: number): unknown {
    const next = this.lines[this.at];
    if (!next) throw UNSUPPORTED; // an empty value (null)
    if (next.indent > indent) return this.block(next.indent);
    if (next.indent === indent && isItem(next.text)) return this.sequence(indent);
    throw UNSUPPORTED;
  }

  private sequence(indent: number): unknown[] {
    const items: unknown[] = [];
    for (;;) {
      const line = this.lines[this.at];
      const item = line.text.slice(2);
      if (item === "" || item.startsWith(" ") || isItem(item)) throw UNSUPPORTED;
      if (entryColon(item) >= 0) {
        // A map that starts on the dash line: its first entry sits at indent + 2.
        items.push(this.map(indent + 2, item));
      } else {
        items.push(scalar(item));
        this.at++;
        const next = this.lines[this.at];
        if (next && next.indent > indent) throw UNSUPPORTED;
      }
      const next = this.lines[this.at];
      if (!next || next.indent < indent) return items;
      if (next.indent > indent || !isItem(next.text)) {
        // A map after a sequence at the same indent (`key:\n- a\nother: b`) closes the sequence.
        if (next.indent === indent && !isItem(next.text)) return items;
        throw UNSUPPORTED;
      }
    }
  }
}

function isItem(text: string): boolean {
  return text === "-" || text.startsWith("- ");
}

/** Where a map entry's key ends: the first ": " or a final ":", or -1 (quoted keys are read by `readKey`). */
function entryColon(text: string): number {
  if (text.startsWith('"')) {
    const close = text.indexOf('"', 1);
    if (close < 0 || text[close + 1] !== ":") return -1;
    return close + 1;
  }
  const spaced = text.indexOf(": ");
  if (spaced >= 0) return spaced;
  return text.endsWith(":") ? text.length - 1 : -1;
}

function readKey(raw: string): string {
  if (raw.startsWith('"')) return simpleQuoted(raw);
  if (
    !PLAIN_KEY.test(raw) ||
    raw.endsWith(" ") ||
    raw.includes(" #") ||
    INTEGER.test(raw) ||
    BOOLEAN.test(raw) ||
    OTHER_NON_STRING.test(raw)
  )
    throw UNSUPPORTED;
  if (raw === "__proto__") throw UNSUPPORTED;
  return raw;
}

/** `"…"` with no escape and no inner quote. */
function simpleQuoted(raw: string): string {
  if (raw.length < 2 || !raw.endsWith('"')) throw UNSUPPORTED;
  const inner = raw.slice(1, -1);
  if (inner.includes('"') || inner.includes("\\")) throw UNSUPPORTED;
  return inner;
}

function scalar(raw: string): unknown {
  if (raw === "[]") return [];
  if (raw === "{}") return {};
  if (raw.startsWith('"')) return simpleQuoted(raw);
  if (
    raw.startsWith(" ") ||
    INDICATOR_START.test(raw) ||
    raw.endsWith(" ") ||
    raw.includes(" #") ||
    raw.includes(": ") ||
    raw.endsWith(":")
  )
    throw UNSUPPORTED;
  if (INTEGER.test(raw)) {
    if (!SIMPLE_INTEGER.test(raw)) throw UNSUPPORTED;
    return Number(raw);
  }
  if (BOOLEAN.test(raw)) return raw.toLowerCase() === "true";
  if (OTHER_NON_STRING.test(raw)) throw UNSUPPORTED;
  return raw;
}
