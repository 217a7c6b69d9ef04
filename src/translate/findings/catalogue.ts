/**
 * Every finding the translation can raise: code → severity, title, why, remediation. One place, so the UI,
 * the report and the tests speak the same words.
 */
import type { TSeverity } from "./finding.ts";

export interface CatalogueEntry {
  severity: TSeverity;
  title: string;
  why: string;
  remediation: string;
}

export const FINDING_CATALOGUE = {
  "icmp-not-carried": {
    severity: "medium",
    title: "ICMP allowed by NSX is not carried",
    why: "NetworkPolicy, AdminNetworkPolicy and ClusterNetworkPolicy match TCP, UDP and SCTP ports only; a rule with ports cannot name ICMP. On OVN-Kubernetes an isolated VM drops standalone ICMP (e.g. echo); ICMP errors related to an allowed connection still pass through conntrack.",
    remediation:
      "Accept the loss (monitoring should use TCP/UDP probes), or allow all protocols between these peers with a rule without ports (broader than NSX), or keep an in-guest firewall for ICMP.",
  },
  "ip-protocol-not-carried": {
    severity: "medium",
    title: "IP protocols other than TCP/UDP/SCTP allowed by NSX are not carried",
    why: "Kubernetes policies cannot name IP protocols such as GRE, ESP, AH, VRRP or IGMP; only a rule without ports (every protocol) lets them through.",
    remediation:
      "If these protocols are needed (VPN, VRRP, multicast), allow all protocols between these peers with a rule without ports, or move the workload to a secondary network filtered outside OVN-Kubernetes.",
  },
  "source-ports-not-carried": {
    severity: "medium",
    title: "Rules restricted to source ports are not carried",
    why: "Kubernetes policies match destination ports only; NSX services with source ports cannot be expressed.",
    remediation:
      "Allow the destination ports for every source port (broader than NSX) after review, or drop the source-port restriction in NSX first.",
  },
  "reject-becomes-drop": {
    severity: "low",
    title: "REJECT becomes a silent drop",
    why: "NSX REJECT answers with TCP RST / ICMP unreachable; AdminNetworkPolicy Deny and NetworkPolicy isolation drop silently, so clients wait for a timeout instead of failing fast. Reachability is unchanged.",
    remediation: "Review client timeouts for the listed rules; no policy change is possible.",
  },
  "l7-profile": {
    severity: "high",
    title: "L7 context profile (App-ID) is not carried",
    why: "The rule's context profile restricts the application protocol; Kubernetes policies are L3/L4 only, so the manifests allow whatever runs on the rule's ports.",
    remediation:
      "Enforce the application protocol elsewhere: TLS with mutual authentication or an L7 proxy / service mesh policy (e.g. OpenShift Service Mesh AuthorizationPolicy) in front of the workload.",
  },
  "fqdn-profile": {
    severity: "high",
    title: "FQDN / domain filtering is not carried",
    why: "The rule filters by domain name; NetworkPolicy and AdminNetworkPolicy v1alpha1 match addresses only.",
    remediation:
      "Use an OVN-Kubernetes EgressFirewall with `dnsName` rules in the source Namespace, or ClusterNetworkPolicy v1alpha2 egress `domainNames` peers where available.",
  },
  "alg-data-channel": {
    severity: "medium",
    title: "ALG data connections are not carried",
    why: "The ALG service's control port is carried; the data connections NSX opens dynamically (FTP data, MS-RPC endpoints, Oracle TNS redirects) are not, and OVN-Kubernetes policies have no ALG.",
    remediation: "Pin the application's data ports (e.g. an FTP passive port range, a fixed RPC port) and allow them explicitly.",
  },
  "ethertype-service": {
    severity: "low",
    title: "EtherType services are not carried",
    why: "EtherType entries are Layer 2 and match no IP traffic; OVN-Kubernetes policies are IP-only.",
    remediation: "None needed for IP traffic; non-IP protocols need a secondary (Multus) network.",
  },
  "ethernet-category": {
    severity: "medium",
    title: "Ethernet (Layer 2) category is not carried",
    why: "MAC-based DFW rules have no Kubernetes equivalent; OVN enforces MAC/IP port security on VM ports by default.",
    remediation: "Rely on OVN port security for spoofing protection; filter L2 on a secondary network or the physical fabric if needed.",
  },
  "ipv6-not-carried": {
    severity: "high",
    title: "IPv6 rules and addresses are not carried on an IPv4 cluster",
    why: "The target cluster is IPv4-only; IPv6 rules, IPv6 address members and IPv6 traffic have no meaning there. Verification compares the IPv4 world.",
    remediation: "Migrate to a dual-stack cluster network and re-translate, or confirm the workloads no longer need IPv6.",
  },
  "identity-group": {
    severity: "high",
    title: "Identity firewall (AD group) rules are not carried",
    why: "Identity groups match user sessions on a VM; Kubernetes policies have no user identity. Like the engine, the translation treats these groups as empty.",
    remediation: "Enforce user-based access at the application or VDI layer, or replace the group by the VMs it protects.",
  },
  "mac-members": {
    severity: "low",
    title: "MAC address group members are not carried",
    why: "MAC members are Layer 2 and match nothing in the IP model; the translation treats them as empty.",
    remediation: "Replace MAC members by VM or tag members in NSX before migrating.",
  },
  "unsupported-member-type": {
    severity: "medium",
    title: "Group criteria on unsupported member types",
    why: "Conditions on member types other than VirtualMachine (Segment, SegmentPort, IPSet, ...) are not evaluated by the engine and match nothing; the translation does the same.",
    remediation: "Re-express the group with VM tag conditions or explicit members and re-translate.",
  },
  "materialised-label": {
    severity: "low",
    title: "Membership carried as a materialised label",
    why: "No label selector expresses this set exactly (name / OS conditions, string matching, VM-by-IP, segments, static members, or an admin-policy subject that is a union); the translation labels exactly the current member VMs.",
    remediation:
      "Keep the label in step with NSX's dynamic membership when VMs are added (e.g. in the VM provisioning template), or re-express the group with tags.",
  },
  "label-normalised": {
    severity: "info",
    title: "Tags renamed to fit Kubernetes label syntax",
    why: "Label names and values allow at most 63 characters of [A-Za-z0-9-_.], alphanumeric at both ends.",
    remediation: "None; use the listed label names in new policies.",
  },
  "label-collision": {
    severity: "low",
    title: "Label collisions resolved",
    why: "Different tags or scopes would have become the same label after normalisation; a hash suffix keeps them apart.",
    remediation: "Rename the tags in vCenter/NSX to avoid the clash if readable labels matter.",
  },
  "namespace-ambiguous": {
    severity: "low",
    title: "VMs with several namespace tags",
    why: "A VM carries several tags in the namespace scope; it was placed in the first (sorted).",
    remediation: "Choose the namespace in the mapping profile or fix the tags.",
  },
  "admin-band-overflow": {
    severity: "medium",
    title: "A category needs more AdminNetworkPolicies than its priority band",
    why: "The category's rules need more policies than the band in the mapping profile holds; priorities were assigned in order across bands instead.",
    remediation: "Widen the band in the mapping profile, or consolidate rules with the same Applied-To / source.",
  },
  "admin-policy-limit": {
    severity: "medium",
    title: "Admin rules beyond the OVN-Kubernetes AdminNetworkPolicy limit are carried by NetworkPolicies",
    why: "OVN-Kubernetes honours ANP priorities 0–99, so at most 100 AdminNetworkPolicies; the admin rules that do not fit are decided exactly by the class-based NetworkPolicies instead (verified), but no longer as admin-owned objects.",
    remediation: "Consolidate Emergency/Infrastructure/Environment rules (same source and Applied-To) so they pack into fewer policies.",
  },
  "logging-granularity": {
    severity: "info",
    title: "Per-rule logging becomes per-policy / per-namespace ACL logging",
    why: "OVN-Kubernetes logs by the `k8s.ovn.org/acl-logging` annotation on an AdminNetworkPolicy / BaselineAdminNetworkPolicy, and on the Namespace for NetworkPolicies, not per rule.",
    remediation: "Filter the OVN ACL log by policy name; the listed rules had logging on.",
  },
  "disabled-rules": {
    severity: "info",
    title: "Disabled rules are not translated",
    why: "Disabled rules never match in NSX; nothing is emitted for them.",
    remediation: "None; re-enable in NSX and re-translate if they are meant to apply.",
  },
  "partial-address-match": {
    severity: "medium",
    title: "A VM has only some of its addresses of one family in a rule's addresses",
    why: "NSX matches each packet by its address, so traffic from the VM's addresses inside the rule matches and traffic from the others does not. Parity models a VM as one endpoint per address family (IPv4 and IPv6 are decided separately, so a dual-stack VM is never affected by this) and treats it as not matched by such a rule in that family, on the NSX side and in the translation alike.",
    remediation:
      "Put all of the VM's addresses of that family in the rule's group (or none), or select the VM by tag or group membership instead of by address.",
  },
  "estate-problem": {
    severity: "high",
    title: "The NSX estate has a broken reference",
    why: "The engine found an inconsistency (unknown group or service, cycle, bad address); both NSX evaluation and translation treat the reference as matching nothing.",
    remediation: "Fix the export or the NSX object and re-import.",
  },
} satisfies Record<string, CatalogueEntry>;

export type FindingCode = keyof typeof FINDING_CATALOGUE;
