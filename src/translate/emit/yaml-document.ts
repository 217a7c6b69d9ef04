/**
 * Deterministic YAML: fixed key order as built, no line folding, one document per file. Objects made only
 * of maps, sequences, integers, booleans and simple strings (the translator's usual output) are written by
 * a direct emitter that produces exactly the bytes `yaml`'s `stringify` would (tests compare both on every
 * emitted object); anything else — multi-line or quote-needing strings, floats, null, undefined — goes
 * through `stringify` itself.
 */
import { stringify } from "yaml";

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

export function toYaml(object: unknown): string {
  return fastYaml(object) ?? libraryYaml(object);
}

export function libraryYaml(object: unknown): string {
  return stringify(object, { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
}

class Unsupported extends Error {}
const UNSUPPORTED = new Unsupported();

/** Plain in block context and a string under the YAML 1.2 core schema: no indicators, no `: ` / ` #`. */
const PLAIN = /^[A-Za-z0-9_/(][A-Za-z0-9_./\-,=()+! ]*$/;
/** Printable ASCII: one line, whatever quoting the library chooses for it (asked once per string). */
const PRINTABLE = /^[\x20-\x7e]*$/;
const NON_STRING =
  /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|true|false|True|False|TRUE|FALSE|null|Null|NULL)$/;
/** YAML 1.1 booleans: `stringify` may treat them specially; leave them to it. */
const OLD_BOOLEAN = /^(?:y|n|yes|no|on|off)$/i;
/** What `stringify` double-quotes: core-schema look-alikes made of plain characters. */
const QUOTABLE = /^[A-Za-z0-9_.+-]*$/;

type Context = "value" | "item" | "key";
const asked: Record<Context, Map<string, string>> = { value: new Map(), item: new Map(), key: new Map() };

/** The library's own rendering of a one-line string in a context, when it is one line. */
function libraryScalar(value: string, context: Context): string {
  let text = asked[context].get(value);
  if (text === undefined) {
    const document = libraryYaml(context === "value" ? { a: value } : context === "item" ? { a: [value] } : { [value]: 1 });
    const prefix = context === "value" ? "a: " : context === "item" ? "a:\n  - " : "";
    const suffix = context === "key" ? ": 1\n" : "\n";
    const inner =
      document.startsWith(prefix) && document.endsWith(suffix) ? document.slice(prefix.length, document.length - suffix.length) : "";
    text = inner === "" || inner.includes("\n") ? "" : inner;
    if (asked[context].size < 100_000) asked[context].set(value, text);
  }
  if (text === "") throw UNSUPPORTED;
  return text;
}

/** Strings repeat across thousands of documents (label keys and values, protocols): decide each once. */
const stringScalars: Record<Exclude<Context, "key">, Map<string, string>> = { value: new Map(), item: new Map() };

/**
 * Strings longer than this are not memoised: they rarely repeat (rule-id annotations), and V8 hashes a string
 * over 16,383 characters by its length only, so long strings of similar length collide in the memo's buckets
 * and each lookup compared whole strings (7 s of 16 s emitting 32,000 × 50,000).
 */
const MEMO_MAX_LENGTH = 1_024;

function scalar(value: unknown, context: Exclude<Context, "key"> = "value"): string {
  if (typeof value === "string") {
    if (value.length > MEMO_MAX_LENGTH) return stringScalar(value, context);
    const memo = stringScalars[context];
    let text = memo.get(value);
    if (text === undefined) {
      text = stringScalar(value, context);
      if (memo.size < 100_000) memo.set(value, text);
    }
    return text;
  }
  if (typeof value === "number" && Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  throw UNSUPPORTED;
}

function stringScalar(value: string, context: Context): string {
  if (value === "") return '""';
  if (OLD_BOOLEAN.test(value)) throw UNSUPPORTED;
  if (NON_STRING.test(value)) {
    if (QUOTABLE.test(value)) return `"${value}"`;
    throw UNSUPPORTED;
  }
  if (PLAIN.test(value) && !value.endsWith(" ") && !value.includes("  ")) return value;
  if (PRINTABLE.test(value)) return libraryScalar(value, context);
  throw UNSUPPORTED;
}

const keyTexts = new Map<string, string>();

function key(k: string): string {
  const memo = keyTexts;
  let text = memo.get(k);
  if (text === undefined) {
    if (k === "" || OLD_BOOLEAN.test(k) || NON_STRING.test(k)) throw UNSUPPORTED;
    text = PLAIN.test(k) && !k.endsWith(" ") && !k.includes("  ") ? k : libraryScalar(k, "key");
    if (memo.size < 100_000) memo.set(k, text);
  }
  return text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isEmptyCollection(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.length === 0 ? "[]" : undefined;
  if (isPlainObject(value)) return Object.keys(value).length === 0 ? "{}" : undefined;
  return undefined;
}

function writeMap(map: Record<string, unknown>, indent: string, out: string[]): void {
  for (const k of Object.keys(map)) {
    const v = map[k];
    const head = `${indent}${key(k)}:`;
    const empty = isEmptyCollection(v);
    if (empty !== undefined) out.push(`${head} ${empty}`);
    else if (Array.isArray(v)) {
      out.push(head);
      writeSeq(v, `${indent}  `, out);
    } else if (isPlainObject(v)) {
      out.push(head);
      writeMap(v, `${indent}  `, out);
    } else out.push(`${head} ${scalar(v)}`);
  }
}

/**
 * Sequence items an emitter shares between documents and never changes again (`writeOnce`): a NetworkPolicy
 * rule used by hundreds of policies is written once per indent and its text reused (one string of several
 * lines: a document is its lines joined by newlines either way).
 */
const writtenOnce = new WeakMap<object, { indent: string; text: string } | null>();

/** Declares `item` immutable from now on, so its YAML text may be reused wherever it recurs. */
export function writeOnce<T extends object>(item: T): T {
  if (!writtenOnce.has(item)) writtenOnce.set(item, null);
  return item;
}

function writeSeq(seq: readonly unknown[], indent: string, out: string[]): void {
  for (const item of seq) {
    const empty = isEmptyCollection(item);
    if (empty !== undefined) out.push(`${indent}- ${empty}`);
    else if (isPlainObject(item)) {
      // A nested collection starts on the dash line: write it one level deeper, then fold its first line in.
      const known = writtenOnce.get(item);
      if (known && known.indent === indent) {
        out.push(known.text);
        continue;
      }
      const first = out.length;
      writeMap(item, `${indent}  `, out);
      out[first] = `${indent}- ${out[first].slice(indent.length + 2)}`;
      if (known === null) writtenOnce.set(item, { indent, text: out.slice(first).join("\n") });
    } else if (Array.isArray(item)) {
      const first = out.length;
      writeSeq(item, `${indent}  `, out);
      out[first] = `${indent}- ${out[first].slice(indent.length + 2)}`;
    } else out.push(`${indent}- ${scalar(item, "item")}`);
  }
}

/** The document, or undefined when the object needs the full library. */
export function fastYaml(object: unknown): string | undefined {
  if (!isPlainObject(object) || Object.keys(object).length === 0) return undefined;
  const out: string[] = [];
  try {
    writeMap(object, "", out);
  } catch (error) {
    if (error === UNSUPPORTED) return undefined;
    throw error;
  }
  return `${out.join("\n")}\n`;
}
