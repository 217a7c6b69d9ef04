/** Small hand-built NSX estates for the mapping-rule tests. */
import { ruleDefaults } from "../policy/nsx/estate-builder.ts";
import type {
  GroupExpression,
  NsxCategory,
  NsxEstate,
  NsxGroup,
  NsxPolicy,
  NsxRule,
  NsxTag,
  NsxVm,
  ServiceEntry,
} from "../../../src/policy/nsx/model.ts";

export function vm(name: string, ip: string, tags: Record<string, string> | NsxTag[] = {}, extra: Partial<NsxVm> = {}): NsxVm {
  const list = Array.isArray(tags) ? tags : Object.entries(tags).map(([scope, tag]) => ({ scope, tag }));
  return { id: `id-${name}`, name, ips: [ip], tags: list, ...extra };
}

export function tagGroup(
  name: string,
  ...conditions: [scope: string, tag: string, operator?: "EQUALS" | "NOTEQUALS" | "IN" | "NOTIN"][]
): NsxGroup {
  const operands: GroupExpression[] = conditions.map(([scope, tag, operator]) => ({
    kind: "condition",
    memberType: "VirtualMachine",
    key: "Tag",
    operator: operator ?? "EQUALS",
    value: `${scope}|${tag}`,
  }));
  const expression: GroupExpression =
    operands.length === 1 ? operands[0] : { kind: "conjunction", operands, operators: operands.slice(1).map(() => "AND" as const) };
  return { path: `/g/${name}`, name, expression };
}

export function group(name: string, expression: GroupExpression): NsxGroup {
  return { path: `/g/${name}`, name, expression };
}

let ruleSeq = 0;
export function rule(partial: Partial<NsxRule> & { action: NsxRule["action"] }): NsxRule {
  ruleSeq++;
  return { id: String(1000 + ruleSeq), name: `rule ${ruleSeq}`, sequenceNumber: ruleSeq, ...ruleDefaults(), ...partial };
}

export function tcp(...ports: number[]): ServiceEntry[] {
  return [{ kind: "L4PortSet", protocol: "TCP", destinationPorts: ports.map((p) => ({ from: p, to: p })), sourcePorts: [] }];
}

export function policy(category: NsxCategory, rules: NsxRule[], sequenceNumber = 1): NsxPolicy {
  return {
    id: `${category}-${sequenceNumber}`,
    name: `${category} ${sequenceNumber}`,
    category,
    sequenceNumber,
    scope: ["ANY"],
    stateful: true,
    rules,
  };
}

export function estate(parts: Partial<NsxEstate>): NsxEstate {
  return { name: "test", vms: [], segments: [], groups: [], services: [], policies: [], defaultAction: "ALLOW", ...parts };
}
