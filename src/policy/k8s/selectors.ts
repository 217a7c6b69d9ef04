/** Kubernetes label selectors: normalising and matching (matchLabels AND every matchExpression). */
import type { Labels, LabelSelector, NamespaceMatch, K8sNamespace } from "./model.ts";
import type { TLabelSelector } from "./schemas.ts";

export const EVERYTHING: LabelSelector = { matchLabels: {}, matchExpressions: [] };

export function normaliseSelector(selector: TLabelSelector | null | undefined): LabelSelector {
  if (!selector) return EVERYTHING;
  return {
    matchLabels: selector.matchLabels ?? {},
    matchExpressions: (selector.matchExpressions ?? []).map((e) => ({ key: e.key, operator: e.operator, values: e.values ?? [] })),
  };
}

/** Long value lists (translated covers list hundreds) are tested through a Set, built once per list. */
const valueSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function listed(values: readonly string[], value: string): boolean {
  if (values.length <= 8) return values.includes(value);
  let set = valueSets.get(values);
  if (!set) valueSets.set(values, (set = new Set(values)));
  return set.has(value);
}

export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  const matchLabels = selector.matchLabels;
  // for…in over a plain record: no entries array per call (this runs once per selector and endpoint class).
  for (const key in matchLabels)
    if (Object.prototype.hasOwnProperty.call(matchLabels, key) && labels[key] !== matchLabels[key]) return false;
  for (const { key, operator, values } of selector.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (operator) {
      case "In":
        if (!has || !listed(values, labels[key])) return false;
        break;
      case "NotIn":
        if (has && listed(values, labels[key])) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
    }
  }
  return true;
}

export function namespaceMatches(match: NamespaceMatch, namespace: K8sNamespace): boolean {
  return match.kind === "names" ? match.names.includes(namespace.name) : selectorMatches(match.selector, namespace.labels);
}

export function describeSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions) parts.push(`${e.key} ${e.operator}${e.values.length ? ` (${e.values.join(",")})` : ""}`);
  return parts.length ? parts.join(", ") : "(all)";
}
