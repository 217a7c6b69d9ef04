/**
 * RFC 8785 JSON Canonicalization Scheme (JCS) via the `canonicalize` library: one byte sequence per JSON
 * value, so a part's SHA-256 does not depend on key order, whitespace or number formatting.
 */
import canonicalize from "canonicalize";
import { fromUtf8, utf8 } from "./bytes.ts";

export class CanonicalJsonError extends Error {
  override name = "CanonicalJsonError";
}

export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (error) {
    throw new CanonicalJsonError(`value is not canonicalisable JSON: ${(error as Error).message}`);
  }
  if (text === undefined) throw new CanonicalJsonError("value is not JSON (undefined, function or symbol)");
  return text;
}

export function canonicalBytes(value: unknown): Uint8Array {
  return utf8(canonicalJson(value));
}

/**
 * Parses bytes that must already be in canonical form; returns the value or the reason they are not.
 * Used by the verifier: a part file that parses but is not canonical has been edited by hand.
 */
export function parseCanonical(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8(bytes));
  } catch (error) {
    return { ok: false, reason: `not valid UTF-8 JSON: ${(error as Error).message}` };
  }
  let again: string;
  try {
    again = canonicalJson(value);
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  if (again !== fromUtf8(bytes)) return { ok: false, reason: "JSON is valid but not in RFC 8785 canonical form" };
  return { ok: true, value };
}
