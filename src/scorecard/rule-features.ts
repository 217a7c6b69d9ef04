/**
 * Rule features that decide whether an NSX DFW rule can be carried to a target policy model without loss.
 * Each feature is read directly off the estate model; nothing is guessed. Used for the OVE estimate
 * (NetworkPolicy / AdminNetworkPolicy) and for Azure Local's NSG-style rules.
 */
import type { GroupExpression, NsxEstate, NsxPolicy, NsxRule, ServiceEntry } from "../policy/index.ts";

export type TLossKind =
  | "ethernet-category"
  | "l7-profile"
  | "reject-action"
  | "jump-action"
  | "icmp"
  | "icmp-type"
  | "igmp"
  | "alg"
  | "ethertype"
  | "ip-protocol"
  | "source-ports"
  | "negated-peers"
  | "identity-groups"
  | "unresolved-reference";

export interface TRuleLoss {
  kind: TLossKind;
  detail: string;
}

/** All service entries a rule matches on; `any` when the rule has no service restriction. */
export function ruleServiceEntries(rule: NsxRule, estate: NsxEstate): { any: boolean; entries: ServiceEntry[]; unresolved: string[] } {
  const byPath = new Map(estate.services.map((s) => [s.path, s]));
  const entries: ServiceEntry[] = [];
  const unresolved: string[] = [];
  const visit = (path: string, seen: Set<string>) => {
    const service = byPath.get(path);
    if (!service) return void unresolved.push(path);
    if (seen.has(path)) return;
    seen.add(path);
    for (const e of service.entries) e.kind === "NestedService" ? visit(e.servicePath, seen) : entries.push(e);
  };
  const paths = rule.services.filter((s) => s !== "ANY");
  for (const p of paths) visit(p, new Set());
  for (const e of rule.serviceEntries) e.kind === "NestedService" ? visit(e.servicePath, new Set()) : entries.push(e);
  const any = rule.serviceEntries.length === 0 && (rule.services.length === 0 || rule.services.includes("ANY"));
  return { any, entries, unresolved };
}

/** Group paths referenced by a rule's sources, destinations and Applied-To. */
function referencedGroups(rule: NsxRule, policy: NsxPolicy, estate: NsxEstate): string[] {
  const groups = new Set(estate.groups.map((g) => g.path));
  return [...new Set([...rule.sources, ...rule.destinations, ...rule.scope, ...policy.scope])].filter((x) => groups.has(x));
}

/** True when the group (or a group it nests) has an AD identity-group criterion, which has no label/IP form. */
export function usesIdentityGroups(groupPath: string, estate: NsxEstate, seen = new Set<string>()): boolean {
  if (seen.has(groupPath)) return false;
  seen.add(groupPath);
  const group = estate.groups.find((g) => g.path === groupPath);
  const walk = (e: GroupExpression | null): boolean => {
    if (!e) return false;
    switch (e.kind) {
      case "identityGroups":
        return true;
      case "conjunction":
        return e.operands.some(walk);
      case "nested":
        return walk(e.expression);
      case "paths":
        return e.paths.some((p) => usesIdentityGroups(p, estate, seen));
      default:
        return false;
    }
  };
  return group ? walk(group.expression) : false;
}

const TCP = 6;
const UDP = 17;
const SCTP = 132;

/** Features no Kubernetes NetworkPolicy / AdminNetworkPolicy can express (OVN-Kubernetes as in OVE). */
export function kubernetesLosses(rule: NsxRule, policy: NsxPolicy, estate: NsxEstate): TRuleLoss[] {
  const losses: TRuleLoss[] = [];
  if (policy.category === "Ethernet")
    losses.push({ kind: "ethernet-category", detail: "Ethernet (L2/MAC) rules have no NetworkPolicy/ANP form" });
  if (rule.profiles.length > 0) losses.push({ kind: "l7-profile", detail: `L7/FQDN context profiles ${rule.profiles.join(", ")}` });
  if (rule.action === "REJECT")
    losses.push({ kind: "reject-action", detail: "REJECT (answer with RST/ICMP) has no equivalent; ANP Deny drops" });
  if (rule.sourcesExcluded || rule.destinationsExcluded)
    losses.push({ kind: "negated-peers", detail: "negated sources/destinations have no selector form in NetworkPolicy/ANP peers" });
  const svc = ruleServiceEntries(rule, estate);
  for (const p of svc.unresolved) losses.push({ kind: "unresolved-reference", detail: `service ${p} is not in the export` });
  for (const e of svc.entries) losses.push(...entryLossesK8s(e));
  for (const g of referencedGroups(rule, policy, estate))
    if (usesIdentityGroups(g, estate)) losses.push({ kind: "identity-groups", detail: `group ${g} uses AD identity groups` });
  return losses;
}

function entryLossesK8s(e: ServiceEntry): TRuleLoss[] {
  switch (e.kind) {
    case "L4PortSet":
      return e.sourcePorts.length > 0
        ? [{ kind: "source-ports", detail: `${e.protocol} source ports (NetworkPolicy/ANP match destination ports only)` }]
        : [];
    case "ICMPType":
      return [
        { kind: "icmp", detail: `${e.protocol}${e.icmpType !== undefined ? ` type ${e.icmpType}` : ""} (ports are TCP/UDP/SCTP only)` },
      ];
    case "IPProtocol":
      return [TCP, UDP, SCTP].includes(e.protocolNumber) ? [] : [{ kind: "ip-protocol", detail: `IP protocol ${e.protocolNumber}` }];
    case "IGMP":
      return [{ kind: "igmp", detail: "IGMP" }];
    case "ALG":
      return [{ kind: "alg", detail: `ALG ${e.alg} (related connections)` }];
    case "EtherType":
      return [{ kind: "ethertype", detail: `EtherType 0x${e.etherType.toString(16)}` }];
    case "NestedService":
      return [];
  }
}

/**
 * Features an NSG-style rule cannot express. NSG rules carry one of TCP, UDP, ICMP, ESP, AH or Any with
 * Allow/Deny and a priority (Azure "Network security groups" overview, learn.microsoft.com/azure/virtual-network/
 * network-security-groups-overview); negation is not a loss because the complement is flattened to prefixes.
 */
export function nsgLosses(rule: NsxRule, policy: NsxPolicy, estate: NsxEstate): TRuleLoss[] {
  const losses: TRuleLoss[] = [];
  if (policy.category === "Ethernet") losses.push({ kind: "ethernet-category", detail: "Ethernet (L2/MAC) rules have no NSG form" });
  if (rule.profiles.length > 0) losses.push({ kind: "l7-profile", detail: `L7/FQDN context profiles ${rule.profiles.join(", ")}` });
  if (rule.action === "REJECT") losses.push({ kind: "reject-action", detail: "REJECT has no NSG form (Allow/Deny only)" });
  if (rule.action === "JUMP_TO_APPLICATION")
    losses.push({ kind: "jump-action", detail: "JUMP_TO_APPLICATION has no NSG form (one flat priority list)" });
  const svc = ruleServiceEntries(rule, estate);
  for (const p of svc.unresolved) losses.push({ kind: "unresolved-reference", detail: `service ${p} is not in the export` });
  for (const e of svc.entries) {
    if (e.kind === "ICMPType" && (e.icmpType !== undefined || e.icmpCode !== undefined))
      losses.push({
        kind: "icmp-type",
        detail: `${e.protocol} type ${e.icmpType ?? "any"} code ${e.icmpCode ?? "any"} (NSG matches ICMP as a whole)`,
      });
    if (e.kind === "IPProtocol" && ![TCP, UDP, 1, 58, 50, 51].includes(e.protocolNumber))
      losses.push({ kind: "ip-protocol", detail: `IP protocol ${e.protocolNumber}` });
    if (e.kind === "IGMP") losses.push({ kind: "igmp", detail: "IGMP" });
    if (e.kind === "ALG") losses.push({ kind: "alg", detail: `ALG ${e.alg}` });
    if (e.kind === "EtherType") losses.push({ kind: "ethertype", detail: `EtherType 0x${e.etherType.toString(16)}` });
    if (e.kind === "L4PortSet" && e.protocol === "SCTP") losses.push({ kind: "ip-protocol", detail: "SCTP" });
  }
  for (const g of referencedGroups(rule, policy, estate))
    if (usesIdentityGroups(g, estate)) losses.push({ kind: "identity-groups", detail: `group ${g} uses AD identity groups` });
  return losses;
}
