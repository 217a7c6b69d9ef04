/**
 * A small builder for the bench shapes' NSX estates: VMs with tags and addresses, groups by tag, Name or
 * IP set, custom services, and policies of rules in NSX's category order. It keeps group and service paths
 * unique (a second request for the same definition returns the first path) so a shape describes intent
 * ("the db tier of app 7") and the builder makes the NSX objects. Pure and deterministic.
 */
import type {
  GroupExpression,
  NsxAction,
  NsxCategory,
  NsxEstate,
  NsxGroup,
  NsxPolicy,
  NsxRule,
  NsxService,
  NsxTag,
  NsxVm,
  PortRange,
  ServiceEntry,
} from "../nsx/model.ts";

const GROUPS = "/infra/domains/default/groups/";
const SERVICES = "/infra/services/";

/** The address of the index-th VM: 10.x.y.z, unique up to 16 M VMs. */
export function vmAddress(index: number): string {
  const n = index + 1;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

export interface RuleInput {
  sources: string[];
  destinations: string[];
  /** Service paths; omitted or empty = ANY. */
  services?: string[];
  action: NsxAction;
  /** Rule-level Applied-To (group paths); omitted = ANY (or the policy's scope). */
  appliedTo?: string[];
  direction?: NsxRule["direction"];
  disabled?: boolean;
}

export class EstateBuilder {
  readonly vms: NsxVm[] = [];
  private readonly groups = new Map<string, NsxGroup>();
  private readonly services = new Map<string, NsxService>();
  private readonly policies: NsxPolicy[] = [];
  private readonly policyCount = new Map<NsxCategory, number>();
  private ruleNumber = 0;

  addVm(name: string, tags: NsxTag[]): NsxVm {
    const vm: NsxVm = { id: name, name, ips: [vmAddress(this.vms.length)], tags };
    this.vms.push(vm);
    return vm;
  }

  private group(name: string, expression: GroupExpression): string {
    const path = `${GROUPS}${name}`;
    if (!this.groups.has(path)) this.groups.set(path, { path, name, expression });
    return path;
  }

  /** VMs carrying every one of the `scope|tag` pairs (AND). */
  tagGroup(name: string, tags: Record<string, string>): string {
    const conditions: GroupExpression[] = Object.entries(tags).map(([scope, tag]) => ({
      kind: "condition",
      memberType: "VirtualMachine",
      key: "Tag",
      operator: "EQUALS",
      value: `${scope}|${tag}`,
    }));
    const expression: GroupExpression =
      conditions.length === 1
        ? conditions[0]
        : { kind: "conjunction", operands: conditions, operators: conditions.slice(1).map(() => "AND") };
    return this.group(name, expression);
  }

  /** VMs whose name satisfies one of the conditions (OR), e.g. one VM by EQUALS or a family by STARTSWITH. */
  nameGroup(name: string, conditions: { operator: "EQUALS" | "STARTSWITH"; value: string }[]): string {
    const operands: GroupExpression[] = conditions.map((c) => ({
      kind: "condition",
      memberType: "VirtualMachine",
      key: "Name",
      operator: c.operator,
      value: c.value,
    }));
    const expression: GroupExpression =
      operands.length === 1 ? operands[0] : { kind: "conjunction", operands, operators: operands.slice(1).map(() => "OR") };
    return this.group(name, expression);
  }

  /** An IP-set group: addresses, CIDRs or ranges (internal VM addresses or external networks). */
  ipGroup(name: string, addresses: string[]): string {
    return this.group(name, { kind: "ipAddresses", addresses });
  }

  /** A custom L4 service: `protocol` with destination port ranges. */
  service(name: string, protocol: "TCP" | "UDP", ports: (number | [number, number])[]): string {
    const path = `${SERVICES}${name}`;
    if (!this.services.has(path)) {
      const destinationPorts: PortRange[] = ports.map((p) => (typeof p === "number" ? { from: p, to: p } : { from: p[0], to: p[1] }));
      const entries: ServiceEntry[] = [{ kind: "L4PortSet", protocol, destinationPorts, sourcePorts: [] }];
      this.services.set(path, { path, name, entries });
    }
    return path;
  }

  /** A security policy of `rules` in `category`, after the category's earlier policies; `scope` = policy Applied-To. */
  policy(name: string, category: NsxCategory, rules: RuleInput[], scope: string[] = ["ANY"]): void {
    const n = this.policyCount.get(category) ?? 0;
    this.policyCount.set(category, n + 1);
    this.policies.push({
      id: name,
      name,
      category,
      sequenceNumber: n * 10,
      scope,
      stateful: true,
      rules: rules.map((r, i) => this.rule(r, i * 10)),
    });
  }

  private rule(input: RuleInput, sequenceNumber: number): NsxRule {
    const id = `rule-${++this.ruleNumber}`;
    return {
      id,
      name: id,
      sequenceNumber,
      action: input.action,
      direction: input.direction ?? "IN_OUT",
      ipProtocol: "IPV4_IPV6",
      sources: input.sources,
      sourcesExcluded: false,
      destinations: input.destinations,
      destinationsExcluded: false,
      services: input.services && input.services.length > 0 ? input.services : ["ANY"],
      serviceEntries: [],
      scope: input.appliedTo ?? ["ANY"],
      profiles: [],
      disabled: input.disabled ?? false,
      logged: false,
    };
  }

  get ruleCount(): number {
    return this.ruleNumber;
  }

  build(name: string, defaultAction: NsxEstate["defaultAction"] = "DROP"): NsxEstate {
    return {
      name,
      vms: this.vms,
      segments: [],
      groups: [...this.groups.values()],
      services: [...this.services.values()],
      policies: this.policies,
      defaultAction,
    };
  }
}
