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

export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels)) if (labels[key] !== value) return false;
  for (const { key, operator, values } of selector.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (operator) {
      case "In":
        if (!has || !values.includes(labels[key])) return false;
        break;
      case "NotIn":
        if (has && values.includes(labels[key])) return false;
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
