/**
 * The normalised NSX estate: what every importer in src/ingest produces, what the engine evaluates,
 * what translation reads and what an audit snapshot freezes. Plain JSON-serialisable data only.
 *
 * Groups keep their expression (not only a resolved member list) because the engine evaluates
 * membership itself: for the inventory-level check against the real VMs, and for the intent-level
 * check against tag combinations no VM carries yet.
 */

export const NSX_CATEGORIES = ["Ethernet", "Emergency", "Infrastructure", "Environment", "Application"] as const;
export type NsxCategory = (typeof NSX_CATEGORIES)[number];

export type NsxAction = "ALLOW" | "DROP" | "REJECT" | "JUMP_TO_APPLICATION";
export type NsxDirection = "IN" | "OUT" | "IN_OUT";
export type NsxIpProtocol = "IPV4" | "IPV6" | "IPV4_IPV6";

/** Where a value came from: file name plus JSON pointer or line, for reports and errors. */
export interface SourceRef {
  file: string;
  where: string;
}

export interface NsxTag {
  /** Empty string when the tag has no scope (NSX writes such tags as `|tag`). */
  scope: string;
  tag: string;
  /**
   * Set when the tag is a vCenter tag (category = scope) attached in vCenter, as opposed to an NSX tag;
   * `description` when the export carries it (the vSphere tag listing). Not part of the tag's identity.
   */
  vcenter?: { description?: string };
}

export interface NsxVm {
  /** Stable identity: NSX external_id / instance UUID where known, else the display name. */
  id: string;
  name: string;
  /** IPv4 and IPv6 addresses of the VM's vNICs. */
  ips: string[];
  tags: NsxTag[];
  osName?: string;
  computerName?: string;
  /** Segment paths the VM's vNICs attach to (for Segment-based group members). */
  segments?: string[];
  macs?: string[];
  /** vCenter identities used to join inventories: moref, instance UUID, BIOS UUID. */
  moref?: string;
  instanceUuid?: string;
  source?: SourceRef;
}

export interface NsxSegment {
  path: string;
  name: string;
  /** Subnet CIDRs (gateway_address form "10.0.0.1/24" normalised to the network). */
  subnets: string[];
  source?: SourceRef;
}

export type ConditionOperator = "EQUALS" | "NOTEQUALS" | "CONTAINS" | "STARTSWITH" | "ENDSWITH" | "IN" | "NOTIN" | "MATCHES";

/** One NSX group expression node, kept close to the Policy API so nothing is approximated on import. */
export type GroupExpression =
  | {
      kind: "condition";
      /** VirtualMachine, Segment, SegmentPort, IPSet, LogicalSwitch, LogicalPort, Pod, Service, ... */
      memberType: string;
      /** Tag, Name, OSName, ComputerName, NodeType, GroupType, ... */
      key: string;
      operator: ConditionOperator;
      /** For Tag keys: the raw `scope|tag` (or `|tag`, or `tag`) string. */
      value: string;
      /** For Tag keys: how the scope part compares (NSX's `scope_operator`), default EQUALS. */
      scopeOperator?: "EQUALS" | "NOTEQUALS";
    }
  /** A list of expressions joined by ConjunctionOperators; NSX evaluates AND before OR. */
  | { kind: "conjunction"; operands: GroupExpression[]; operators: ("AND" | "OR")[] }
  | { kind: "nested"; expression: GroupExpression }
  | { kind: "ipAddresses"; addresses: string[] }
  | { kind: "macAddresses"; addresses: string[] }
  /** Paths to other groups, segments, segment ports or VMs. */
  | { kind: "paths"; paths: string[] }
  | { kind: "externalIds"; memberType: string; ids: string[] }
  /** Kept but not evaluable without identity (AD) data: reported, matches nothing. */
  | { kind: "identityGroups"; groups: string[] }
  /** Static members as listed by an export that already resolved them (vmware-analyzer collector `vm_members`). */
  | { kind: "vmIds"; ids: string[] };

export interface NsxGroup {
  /** Full policy path, e.g. /infra/domains/default/groups/web; the key rules refer to. */
  path: string;
  name: string;
  /** The group's criteria; several top-level criteria are ORed unless joined by a conjunction. */
  expression: GroupExpression | null;
  source?: SourceRef;
}

export interface PortRange {
  from: number;
  to: number;
}

/** One service entry, already parsed; `kind` follows NSX's resource_type without the suffix. */
export type ServiceEntry =
  | {
      kind: "L4PortSet";
      protocol: "TCP" | "UDP" | "SCTP";
      destinationPorts: PortRange[];
      /** Empty means any source port. */
      sourcePorts: PortRange[];
    }
  | { kind: "ICMPType"; protocol: "ICMPv4" | "ICMPv6"; icmpType?: number; icmpCode?: number }
  | { kind: "IPProtocol"; protocolNumber: number }
  | { kind: "IGMP" }
  | { kind: "ALG"; alg: string; protocol: "TCP" | "UDP"; destinationPorts: PortRange[]; sourcePorts: PortRange[] }
  | { kind: "EtherType"; etherType: number }
  | { kind: "NestedService"; servicePath: string };

export interface NsxService {
  path: string;
  name: string;
  entries: ServiceEntry[];
  /** True for the built-in NSX 4.x default catalogue entries. */
  builtIn?: boolean;
  source?: SourceRef;
}

export interface NsxRule {
  /** Stable id: rule_id when the export has one, else the policy path / rule id. */
  id: string;
  ruleId?: number;
  name: string;
  path?: string;
  sequenceNumber: number;
  action: NsxAction;
  direction: NsxDirection;
  ipProtocol: NsxIpProtocol;
  /** Group paths, IP literals/CIDRs/ranges, or the single value "ANY". */
  sources: string[];
  sourcesExcluded: boolean;
  destinations: string[];
  destinationsExcluded: boolean;
  /** Service paths or "ANY". */
  services: string[];
  /** Inline service entries (rule.service_entries); ORed with `services`. */
  serviceEntries: ServiceEntry[];
  /** Applied-To: group paths / segment paths or "ANY". */
  scope: string[];
  /** L7 context profiles (App-ID, FQDN): not in the L3/L4 model; reported. */
  profiles: string[];
  disabled: boolean;
  logged: boolean;
  tag?: string;
  notes?: string;
  source?: SourceRef;
}

export interface NsxPolicy {
  id: string;
  name: string;
  path?: string;
  category: NsxCategory;
  sequenceNumber: number;
  /** Applied-To of the whole policy; when not ANY it overrides every rule's scope. */
  scope: string[];
  stateful: boolean;
  rules: NsxRule[];
  source?: SourceRef;
}

export interface NsxEstate {
  name: string;
  vms: NsxVm[];
  segments: NsxSegment[];
  groups: NsxGroup[];
  services: NsxService[];
  policies: NsxPolicy[];
  /** The action of the default Layer-3 rule; NSX's factory default is ALLOW. */
  defaultAction: "ALLOW" | "DROP" | "REJECT";
  /** The default rule's id/name when the export names it (for explanations). */
  defaultRuleId?: string;
}
