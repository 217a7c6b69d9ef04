/**
 * Kubernetes naming rules: label names and values (≤63 chars of [A-Za-z0-9-_.], alphanumeric at both ends),
 * and RFC 1123 labels for object names (lower-case). Anything changed or shortened keeps a short stable
 * hash of the original, so two different inputs never normalise to the same output by truncation alone.
 */

export const MAX_LABEL = 63;

/** FNV-1a 32-bit, base 36: short, stable, dependency-free. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, "0").slice(0, 7);
}

function fit(cleaned: string, original: string, max: number, joiner: string): string {
  if (cleaned.length <= max && cleaned === original) return cleaned;
  const hash = shortHash(original);
  if (cleaned.length + joiner.length + hash.length <= max && cleaned !== original && cleaned.length > 0) return cleaned;
  const head = cleaned.slice(0, Math.max(0, max - hash.length - joiner.length)).replace(/[^A-Za-z0-9]+$/, "");
  return head ? `${head}${joiner}${hash}` : hash;
}

/** A label value: may be empty; otherwise [A-Za-z0-9-_.]{1,63}, alphanumeric at both ends. */
export function normaliseLabelValue(raw: string): string {
  if (raw === "") return "";
  const cleaned = raw.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "");
  return fit(cleaned, raw, MAX_LABEL, "-");
}

/** The name part of a label key (after the prefix): like a value but never empty. */
export function normaliseLabelName(raw: string): string {
  return normaliseLabelValue(raw) || `x${shortHash(raw)}`;
}

/** An RFC 1123 label (object names, namespaces): lower-case [a-z0-9-], ≤ max, alphanumeric ends. */
export function rfc1123Label(raw: string, max = MAX_LABEL): string {
  const cleaned = raw
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-+|-+$/g, "");
  const lowered = raw.toLowerCase();
  if (cleaned === lowered && cleaned.length <= max && cleaned.length > 0) return cleaned;
  if (cleaned.length > 0 && cleaned.length <= max) return cleaned;
  const hash = shortHash(raw);
  const head = cleaned.slice(0, Math.max(0, max - hash.length - 1)).replace(/-+$/, "");
  return head ? `${head}-${hash}` : `x${hash}`.slice(0, max);
}

export function isValidLabelValue(value: string): boolean {
  return value === "" || (value.length <= MAX_LABEL && /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(value));
}

export function isValidLabelKey(key: string): boolean {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : "";
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix && (prefix.length > 253 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(prefix))) return false;
  return name.length > 0 && isValidLabelValue(name);
}

export function isRfc1123Label(name: string): boolean {
  return name.length <= MAX_LABEL && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name);
}
