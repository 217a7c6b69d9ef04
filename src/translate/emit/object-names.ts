/** Stable, readable RFC 1123 names for emitted objects; `NameRegistry` keeps them unique per scope. */
import { rfc1123Label } from "../identity/label-normalise.ts";
import { describeConjunction, type Conjunction } from "../selectors/label-requirement.ts";
import { NAMESPACE_KEY } from "../plan/describe-classes.ts";

export function slugOf(conj: Conjunction): string {
  const readable = conj.filter((l) => l.key !== NAMESPACE_KEY);
  if (readable.length === 0) return "all";
  // Membership labels read as their name: `group.web=true` → `group-web`, `!= true` → `not-…`.
  const text = readable
    .map((l) => {
      const key = l.key.replace(/^.*\//, "");
      if (l.values.length === 1 && l.values[0] === "true" && l.operator === "In") return key;
      if (l.values.length === 1 && l.values[0] === "true" && l.operator === "NotIn") return `not-${key}`;
      return describeConjunction([l]);
    })
    .join(",");
  return text
    .replace(/!=/g, "-not-")
    .replace(/[=,()]/g, "-")
    .replace(/!/g, "no-");
}

export class NameRegistry {
  private readonly used = new Set<string>();

  /** `base` made RFC 1123 (≤ max) and unique in `scope` by a -2, -3 … suffix. */
  take(scope: string, base: string, max = 63): string {
    const clean = rfc1123Label(base, max);
    let name = clean;
    for (let n = 2; this.used.has(`${scope}/${name}`); n++) name = rfc1123Label(`${clean.slice(0, max - 4)}-${n}`, max);
    this.used.add(`${scope}/${name}`);
    return name;
  }
}

function allDigits(id: string): boolean {
  if (id.length === 0) return false;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The annotation order of rule ids: numeric where both are all digits, else by UTF-16 code units. */
export function compareRuleIds(x: string, y: string): number {
  return compareIds(x, allDigits(x), y, allDigits(y));
}

function compareIds(x: string, xDigits: boolean, y: string, yDigits: boolean): number {
  return xDigits && yDigits ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Rule ids for an annotation: sorted numerically where numeric, comma-separated. Callers that pass ids
 * already in this order (the NetworkPolicy stage does) pay about one comparison per id.
 */
export function ruleIdList(ids: Iterable<string>): string {
  const list = Array.isArray(ids) ? (ids as string[]) : [...ids];
  // Already strictly ascending (distinct and in order): nothing to sort.
  let ordered = true;
  for (let i = 1; ordered && i < list.length; i++) ordered = compareRuleIds(list[i - 1], list[i]) < 0;
  if (ordered) return list.join(",");
  // Same comparisons as before, with "all digits" decided once per id instead of per comparison.
  const unique = [...new Set(list)];
  // No all-digit id: every comparison is the string one, a total order on distinct strings, which is the
  // default sort's (UTF-16 code units) — same result, without a comparator call per comparison.
  if (!unique.some(allDigits)) return unique.sort().join(",");
  const keyed = unique.map((id) => ({ id, digits: allDigits(id) }));
  keyed.sort((x, y) => compareIds(x.id, x.digits, y.id, y.digits));
  return keyed.map((k) => k.id).join(",");
}
