/**
 * Group membership from expressions: a group resolves to a set of VM ids and a set of IP addresses.
 * AND binds tighter than OR; paths reach other groups (cycles detected), segments (their attached VMs),
 * segment ports and VMs. Identity (AD) groups, MAC addresses and member types other than VirtualMachine
 * resolve to nothing and are reported.
 */
import { IpSet } from "../sets/ip-set.ts";
import { splitTagValue, vmConditionHolds } from "./condition.ts";
import type { GroupExpression, NsxEstate, NsxGroup, NsxVm } from "./model.ts";
import type { ProblemLog } from "./problems.ts";

export interface Membership {
  vmIds: ReadonlySet<string>;
  ips: IpSet;
}

const NOTHING: Membership = { vmIds: new Set(), ips: IpSet.empty() };

function union(a: Membership, b: Membership): Membership {
  return { vmIds: new Set([...a.vmIds, ...b.vmIds]), ips: a.ips.union(b.ips) };
}

function intersect(a: Membership, b: Membership): Membership {
  // Walk the smaller id set: a tag shared by thousands of VMs is often ANDed with a rare one.
  const [small, large] = a.vmIds.size <= b.vmIds.size ? [a.vmIds, b.vmIds] : [b.vmIds, a.vmIds];
  const vmIds = new Set<string>();
  for (const id of small) if (large.has(id)) vmIds.add(id);
  return { vmIds, ips: a.ips.intersect(b.ips) };
}

export class GroupResolver {
  private readonly groups: Map<string, NsxGroup>;
  private readonly vmsById: Map<string, NsxVm>;
  private readonly cache = new Map<string, Membership>();
  /** `scope\u0000tag` → ids of the VMs carrying that tag, built on first use. */
  private tagIndex?: Map<string, string[]>;
  /** Memberships of indexed tag conditions (immutable, shared by every group that tests the tag). */
  private readonly tagMemberships = new Map<string, Membership>();

  constructor(
    private readonly estate: NsxEstate,
    private readonly log: ProblemLog,
  ) {
    this.groups = new Map(estate.groups.map((g) => [g.path, g]));
    this.vmsById = new Map(estate.vms.map((vm) => [vm.id, vm]));
  }

  hasGroup(path: string): boolean {
    return this.groups.has(path);
  }

  /** A group's members; an unknown path is an error that matches nothing. */
  resolve(path: string, visiting: readonly string[] = []): Membership {
    const cached = this.cache.get(path);
    if (cached) return cached;
    if (visiting.includes(path)) {
      this.log.add({
        severity: "error",
        code: "group-cycle",
        subject: path,
        message: `groups refer to each other in a cycle: ${[...visiting, path].join(" → ")}`,
      });
      return NOTHING;
    }
    const group = this.groups.get(path);
    if (!group) {
      this.log.add({ severity: "error", code: "unknown-group", subject: path, message: `group ${path} is not defined` });
      return NOTHING;
    }
    const membership = group.expression ? this.evaluate(group.expression, path, [...visiting, path]) : NOTHING;
    // A result computed inside a cycle depends on where the cycle was entered; cache only top-level results.
    if (visiting.length === 0) this.cache.set(path, membership);
    return membership;
  }

  private evaluate(expression: GroupExpression, group: string, visiting: readonly string[]): Membership {
    switch (expression.kind) {
      case "condition":
        return this.condition(expression, group);
      case "conjunction": {
        // AND before OR: split the operand list at every OR, intersect within each run, union the runs.
        let result = NOTHING;
        let run = this.evaluate(expression.operands[0], group, visiting);
        expression.operators.forEach((operator, index) => {
          const next = this.evaluate(expression.operands[index + 1], group, visiting);
          if (operator === "AND") run = intersect(run, next);
          else {
            result = union(result, run);
            run = next;
          }
        });
        return union(result, run);
      }
      case "nested":
        return this.evaluate(expression.expression, group, visiting);
      case "ipAddresses":
        return { vmIds: new Set(), ips: this.addresses(expression.addresses, group) };
      case "macAddresses":
        this.log.add({
          severity: "outside-model",
          code: "mac-members",
          subject: group,
          message: "MAC address members are Layer 2; they match nothing in the L3/L4 model",
        });
        return NOTHING;
      case "paths":
        return expression.paths.reduce((acc, path) => union(acc, this.path(path, group, visiting)), NOTHING);
      case "externalIds":
        if (expression.memberType !== "VirtualMachine") {
          this.log.add({
            severity: "outside-model",
            code: "unsupported-member-type",
            subject: group,
            message: `external ids of member type ${expression.memberType} are not resolved`,
          });
          return NOTHING;
        }
        return { vmIds: this.knownVms(expression.ids, group), ips: IpSet.empty() };
      case "identityGroups":
        this.log.add({
          severity: "outside-model",
          code: "identity-group",
          subject: group,
          message: "identity (AD) group members need user-session data; they match nothing here",
        });
        return NOTHING;
      case "vmIds":
        return { vmIds: this.knownVms(expression.ids, group), ips: IpSet.empty() };
    }
  }

  private condition(condition: Extract<GroupExpression, { kind: "condition" }>, group: string): Membership {
    if (condition.memberType !== "VirtualMachine") {
      this.log.add({
        severity: "outside-model",
        code: "unsupported-member-type",
        subject: group,
        message: `conditions on member type ${condition.memberType} are not evaluated; they match nothing`,
      });
      return NOTHING;
    }
    const indexed = this.indexedTagCondition(condition) ?? this.indexedNameCondition(condition);
    if (indexed) return indexed;
    const vmIds = new Set<string>();
    for (const vm of this.estate.vms) {
      let holds: boolean | undefined;
      try {
        holds = vmConditionHolds(condition, vm);
      } catch (error) {
        this.log.add({
          severity: "error",
          code: "bad-condition",
          subject: group,
          message: `condition ${condition.key} ${condition.operator} "${condition.value}": ${String(error)}`,
        });
        return NOTHING;
      }
      if (holds === undefined) {
        this.log.add({
          severity: "outside-model",
          code: "unsupported-condition-key",
          subject: group,
          message: `condition key ${condition.key} is not evaluated; it matches nothing`,
        });
        return NOTHING;
      }
      if (holds) vmIds.add(vm.id);
    }
    return { vmIds, ips: IpSet.empty() };
  }

  /**
   * `scope|tag` EQUALS with both parts given (the common case) by index lookup instead of a scan of every
   * VM; the same VMs `vmConditionHolds` selects. Undefined when the condition needs the general path.
   */
  private indexedTagCondition(condition: Extract<GroupExpression, { kind: "condition" }>): Membership | undefined {
    if (condition.key !== "Tag" || condition.operator !== "EQUALS" || (condition.scopeOperator ?? "EQUALS") !== "EQUALS") return undefined;
    const { scope, tag } = splitTagValue(condition.value);
    if (scope === undefined || tag === "") return undefined;
    if (!this.tagIndex) {
      this.tagIndex = new Map();
      for (const vm of this.estate.vms) {
        for (const t of new Set(vm.tags.map((x) => `${x.scope}\u0000${x.tag}`))) {
          const list = this.tagIndex.get(t);
          if (list) list.push(vm.id);
          else this.tagIndex.set(t, [vm.id]);
        }
      }
    }
    const key = `${scope}\u0000${tag}`;
    let membership = this.tagMemberships.get(key);
    if (!membership) {
      membership = { vmIds: new Set(this.tagIndex.get(key) ?? []), ips: IpSet.empty() };
      this.tagMemberships.set(key, membership);
    }
    return membership;
  }

  /** VM positions in the estate, by name (code-unit order): names sharing a prefix are one run. */
  private byName?: { names: string[]; positions: Int32Array };

  /**
   * Name EQUALS / STARTSWITH by binary search over the sorted names instead of a scan of every VM (an estate
   * can have a Name group per VM); the same VMs `vmConditionHolds` selects, in estate order.
   */
  private indexedNameCondition(condition: Extract<GroupExpression, { kind: "condition" }>): Membership | undefined {
    if (condition.key !== "Name" || (condition.operator !== "EQUALS" && condition.operator !== "STARTSWITH")) return undefined;
    const vms = this.estate.vms;
    if (!this.byName) {
      const order = vms.map((_, i) => i).sort((a, b) => (vms[a].name < vms[b].name ? -1 : vms[a].name > vms[b].name ? 1 : a - b));
      this.byName = { names: order.map((i) => vms[i].name), positions: Int32Array.from(order) };
    }
    const { names, positions } = this.byName;
    const value = condition.value;
    let lo = 0;
    let hi = names.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (names[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    const hits: number[] = [];
    const matches = condition.operator === "EQUALS" ? (name: string) => name === value : (name: string) => name.startsWith(value);
    for (let k = lo; k < names.length && matches(names[k]); k++) hits.push(positions[k]);
    hits.sort((a, b) => a - b);
    return { vmIds: new Set(hits.map((i) => vms[i].id)), ips: IpSet.empty() };
  }

  private path(path: string, group: string, visiting: readonly string[]): Membership {
    if (this.groups.has(path)) return this.resolve(path, visiting);
    const segment = this.estate.segments.find((s) => s.path === path);
    if (segment)
      return { vmIds: new Set(this.estate.vms.filter((vm) => vm.segments?.includes(segment.path)).map((vm) => vm.id)), ips: IpSet.empty() };
    const vmId = path.split("/").pop() ?? path;
    if (this.vmsById.has(vmId)) return { vmIds: new Set([vmId]), ips: IpSet.empty() };
    this.log.add({ severity: "error", code: "unknown-path", subject: group, message: `path ${path} names no group, segment or VM` });
    return NOTHING;
  }

  private knownVms(ids: readonly string[], group: string): Set<string> {
    const known = new Set<string>();
    for (const id of ids) {
      if (this.vmsById.has(id)) known.add(id);
      else
        this.log.add({ severity: "info", code: "unknown-vm-member", subject: group, message: `member VM ${id} is not in the inventory` });
    }
    return known;
  }

  private addresses(texts: readonly string[], group: string): IpSet {
    let ips = IpSet.empty();
    for (const text of texts) {
      try {
        ips = ips.union(IpSet.parse(text));
      } catch {
        this.log.add({ severity: "error", code: "bad-address", subject: group, message: `"${text}" is not an address, CIDR or range` });
      }
    }
    return ips;
  }
}
