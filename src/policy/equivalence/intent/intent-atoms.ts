/**
 * What the intent check enumerates: for every tag scope the rules' groups test, the tag values they name
 * (plus the values the Kubernetes selectors name for the mapped label key), an unlisted value and "no tag".
 * Groups whose membership rests on names, addresses or static members have no label counterpart: they are
 * reported as inventory-only. Operators whose truth a finite list of values cannot settle make the check
 * non-exhaustive, and say so.
 */
import type { ClusterModel, LabelSelector } from "../../k8s/model.ts";
import { splitTagValue } from "../../nsx/condition.ts";
import type { GroupExpression, NsxEstate } from "../../nsx/model.ts";
import { isAny } from "../../nsx/selector.ts";

export type TagToLabel = (scope: string, tag: string) => { key: string; value: string };

export const defaultTagToLabel: TagToLabel = (scope, tag) => (scope ? { key: scope, value: tag } : { key: tag, value: "" });

export interface IntentAtoms {
  /** scope → tag values worth trying (besides "unlisted" and "absent"). */
  values: Map<string, Set<string>>;
  inventoryOnlyGroups: { path: string; reason: string }[];
  /** Why the enumeration cannot be exhaustive, if it cannot. */
  caveats: string[];
}

export function intentAtoms(estate: NsxEstate, model: ClusterModel, tagToLabel: TagToLabel): IntentAtoms {
  const groups = new Map(estate.groups.map((g) => [g.path, g]));
  const relevant = new Set<string>();
  const visit = (path: string) => {
    if (relevant.has(path) || !groups.has(path)) return;
    relevant.add(path);
    const walk = (e: GroupExpression | null): void => {
      if (!e) return;
      if (e.kind === "paths") e.paths.forEach(visit);
      else if (e.kind === "conjunction") e.operands.forEach(walk);
      else if (e.kind === "nested") walk(e.expression);
    };
    walk(groups.get(path)!.expression);
  };
  for (const policy of estate.policies) {
    if (policy.category === "Ethernet") continue;
    for (const rule of policy.rules) {
      if (rule.disabled) continue;
      for (const list of [rule.sources, rule.destinations, isAny(policy.scope) ? rule.scope : policy.scope])
        if (!isAny(list)) list.forEach(visit);
    }
  }

  const values = new Map<string, Set<string>>();
  const add = (scope: string, value: string) => {
    if (!values.has(scope)) values.set(scope, new Set());
    if (value !== "") values.get(scope)!.add(value);
  };
  const inventoryOnlyGroups: IntentAtoms["inventoryOnlyGroups"] = [];
  const caveats = new Set<string>();
  for (const path of relevant) {
    const reasons = new Set<string>();
    const walk = (e: GroupExpression | null): void => {
      if (!e) return;
      switch (e.kind) {
        case "conjunction":
          e.operands.forEach(walk);
          return;
        case "nested":
          walk(e.expression);
          return;
        case "condition": {
          if (e.key !== "Tag") {
            reasons.add(`${e.key} condition`);
            return;
          }
          const { scope, tag } = splitTagValue(e.value);
          if (scope === undefined)
            caveats.add(`group ${path}: tag "${tag}" without a scope matches under any scope; only the listed scopes are tried`);
          if ((e.scopeOperator ?? "EQUALS") !== "EQUALS") caveats.add(`group ${path}: scope NOTEQUALS is tried on the listed scopes only`);
          if (!["EQUALS", "NOTEQUALS", "IN", "NOTIN"].includes(e.operator))
            caveats.add(`group ${path}: ${e.operator} on tags is tried with its literal only`);
          const tags = e.operator === "IN" || e.operator === "NOTIN" ? tag.split(",").map((t) => t.trim()) : [tag];
          for (const t of tags) add(scope ?? "", t);
          return;
        }
        case "paths":
          if (e.paths.some((p) => !groups.has(p))) reasons.add("segment / VM path members");
          return;
        case "ipAddresses":
          reasons.add("IP address members");
          return;
        default:
          reasons.add(`${e.kind} members`);
      }
    };
    walk(groups.get(path)!.expression);
    if (reasons.size > 0) inventoryOnlyGroups.push({ path, reason: `${[...reasons].join(", ")}: no label counterpart` });
  }

  // Values the Kubernetes selectors name for a mapped key, when the mapping carries them back unchanged.
  for (const scope of values.keys()) {
    const key = tagToLabel(scope, "x").key;
    for (const value of selectorValues(model, key))
      if (tagToLabel(scope, value).value === value && tagToLabel(scope, value).key === key) add(scope, value);
  }
  return { values, inventoryOnlyGroups, caveats: [...caveats] };
}

function selectorValues(model: ClusterModel, key: string): string[] {
  const found = new Set<string>();
  const scan = (selector: LabelSelector) => {
    if (selector.matchLabels[key] !== undefined) found.add(selector.matchLabels[key]);
    for (const e of selector.matchExpressions) if (e.key === key) e.values.forEach((v) => found.add(v));
  };
  for (const policy of model.policies) {
    scan(policy.subject.pods);
    for (const rule of [...policy.ingress, ...policy.egress]) for (const peer of rule.peers) if (peer.kind === "pods") scan(peer.pods);
  }
  return [...found];
}
