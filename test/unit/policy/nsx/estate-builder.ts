/** Small NsxEstate builders for unit tests. */
import type { GroupExpression, NsxEstate, NsxPolicy, NsxRule, NsxVm } from "../../../../src/policy/nsx/model.ts";
import { builtInServices } from "../../../../src/ingest/services/built-in-services.ts";

export function vm(id: string, ips: string[] = [], tags: [string, string][] = [], extra: Partial<NsxVm> = {}): NsxVm {
  return { id, name: id, ips, tags: tags.map(([scope, tag]) => ({ scope, tag })), ...extra };
}

/** An enabled, unlogged ALLOW rule between ANY and ANY on any service (fresh arrays each call). */
export function ruleDefaults(): Omit<NsxRule, "id" | "name" | "sequenceNumber"> {
  return {
    action: "ALLOW",
    direction: "IN_OUT",
    ipProtocol: "IPV4_IPV6",
    sources: ["ANY"],
    sourcesExcluded: false,
    destinations: ["ANY"],
    destinationsExcluded: false,
    services: ["ANY"],
    serviceEntries: [],
    scope: ["ANY"],
    profiles: [],
    disabled: false,
    logged: false,
  };
}

let ruleCounter = 0;
export function rule(partial: Partial<NsxRule>): NsxRule {
  ruleCounter += 1;
  const id = partial.id ?? `r${ruleCounter}`;
  return { id, name: partial.name ?? id, sequenceNumber: 0, ...ruleDefaults(), ...partial };
}

export function policy(name: string, category: NsxPolicy["category"], rules: NsxRule[], partial: Partial<NsxPolicy> = {}): NsxPolicy {
  return { id: name, name, category, sequenceNumber: 0, scope: ["ANY"], stateful: true, rules, ...partial };
}

export function group(path: string, expression: GroupExpression | null) {
  return { path, name: path, expression };
}

export function vmGroup(path: string, ids: string[]) {
  return group(path, { kind: "vmIds", ids });
}

export function estate(partial: Partial<NsxEstate>): NsxEstate {
  return { name: "test", vms: [], segments: [], groups: [], services: builtInServices(), policies: [], defaultAction: "DROP", ...partial };
}

export const DENY_ALL = (category: NsxPolicy["category"] = "Application") =>
  policy(`deny-${category}`, category, [rule({ action: "DROP", name: "deny-all" })], { sequenceNumber: 999 });
