/**
 * The seeded criteria catalogue: per criterion and platform a score 0–5 with rationale, source, evidence
 * level and date. Every "documented" score paraphrases a named section of the seed documents in
 * routing-and-security.txt and networking-foundations.txt (dated 2026-11-21; checked by `npm run
 * check:citations -- --sources DIR`); where the seeds are silent the score is marked "assumption" and the
 * criterion carries the workshop question that should settle it. Validated by ZCatalogue at load time.
 */
import type { TPlatformId } from "../platforms.ts";
import { ZCatalogue, type TCatalogue, type TCriterion, type TEvidenceLevel, type TPlatformScore, type TSourceRef } from "./types.ts";
import { WORKSHOP_QUESTIONS } from "./workshop-questions.ts";

const SEED_DATE = "2026-11-21";
const RS = "routing-and-security.txt";
const NF = "networking-foundations.txt";

/** Row of the "How the Candidates Handle This / Comparison Table" in routing-and-security.txt. */
const rsTable = (row: string): TSourceRef => ({ document: RS, section: `How the Candidates Handle This, Comparison Table, row "${row}"` });
const rsProse = (para: string): TSourceRef => ({ document: RS, section: `Key Differences in Prose: "${para}"` });
const rsSection = (section: string): TSourceRef => ({ document: RS, section });
const nfTable = (row: string): TSourceRef => ({ document: NF, section: `How the Candidates Handle This, Comparison Table, row "${row}"` });
const nfProse = (para: string): TSourceRef => ({ document: NF, section: `Key Differences in Prose: "${para}"` });
const nfSection = (section: string): TSourceRef => ({ document: NF, section });

function s(platform: TPlatformId, score: number, evidence: TEvidenceLevel, rationale: string, ...sources: TSourceRef[]): TPlatformScore {
  return { platform, score, rationale, sources, evidence, date: SEED_DATE };
}

const criteria: TCriterion[] = [
  {
    id: "estate-coverage",
    name: "Estate coverage (share of the bank's DFW rules expressible without loss)",
    group: "security-policy",
    kind: "estate",
    description:
      "Computed from the imported estate (estate-coverage.ts): 5 × the share of enabled rules the platform can express without loss. Azure Local additionally fails when the IP-flattened NSG rule count exceeds its priority range.",
    knockOut: { minScore: 2.5, reason: "Less than half of the bank's own rules can be carried over without loss." },
    workshopQuestions: ["rs-1", "nf-4"],
    scores: [
      s("vmware-nsx", 5, "documented", "Baseline: the rules are NSX DFW rules today.", rsSection("4. Micro-segmentation, Implementation Approaches")),
      s("ove", 4, "assumption", "Fallback when no estate is given: L3/L4 parity via NetworkPolicy + ANP; L7 and Ethernet rules not expressible.", rsProse("Micro-segmentation maturity")),
      s("azure-local", 3, "assumption", "Fallback when no estate is given: NSG-like L3/L4 rules on address prefixes; no tag-based groups.", rsTable("Micro-segmentation")),
      s("swisscom-esc", 5, "assumption", "Fallback when no estate is given: ESC runs NSX DFW (provider-managed), so the rule model is the same.", nfTable("East-West firewalling")),
    ],
  },
  {
    id: "microsegmentation",
    name: "Micro-segmentation model",
    group: "security-policy",
    kind: "static",
    description: "Per-workload, distributed, stateful enforcement with default deny; 5 = equivalent to NSX DFW.",
    knockOut: {
      minScore: 2,
      reason:
        "FINMA: the replacement must enforce per-workload policies with equivalent granularity, auditability and manageability, or the migration is blocked for regulated workloads (routing-and-security.txt, 4. Micro-segmentation, Zero-Trust Networking for Financial Enterprises).",
    },
    workshopQuestions: ["rs-1", "rs-3", "rs-4", "nf-4"],
    scores: [
      s("vmware-nsx", 5, "documented", "NSX DFW: mature multi-category model, identity-based groups, L7 context, per-rule logging; the most mature solution in the comparison.", rsTable("Micro-segmentation"), rsProse("Micro-segmentation maturity")),
      s("ove", 4, "documented", "OVN ACLs via NetworkPolicy + AdminNetworkPolicy reach functional parity for L3/L4; L7 only via Cilium; secondary (Multus) interfaces bypass OVN ACLs.", rsTable("Micro-segmentation"), rsProse("Micro-segmentation maturity"), rsSection("5. Network Policies, KubeVirt VMs and NetworkPolicy")),
      s("azure-local", 3, "documented", "VFP ACLs via Network Controller: per-VM stateful L3/L4 filtering, NSG-like rules, limited identity integration.", rsTable("Micro-segmentation"), rsSection("4. Micro-segmentation, Implementation Approaches (Hyper-V VFP)")),
      s("swisscom-esc", 2, "documented", "NSX DFW underneath, but the customer defines rules in a service portal with limited granularity; custom micro-segmentation may not fit Swisscom's predefined templates.", rsTable("Micro-segmentation"), nfTable("East-West firewalling"), rsProse("Swisscom ESC abstraction level")),
    ],
  },
  {
    id: "policy-scope-tiers",
    name: "Policy scope and tiers",
    group: "security-policy",
    kind: "static",
    description: "Cluster-wide and scoped rules, explicit priorities/categories, delegation between security, platform and app teams.",
    workshopQuestions: ["rs-2", "rs-1"],
    scores: [
      s("vmware-nsx", 5, "documented", "Categories (Emergency…Application) with strict order; Applied-To scopes any, group, switch or port.", rsTable("Network Policy Scope"), rsSection("4. Micro-segmentation, Implementation Approaches")),
      s("ove", 4, "documented", "NetworkPolicy (namespace), ANP (cluster, priority, Allow/Deny/Pass), BANP (default) mirror the DFW categories; ANP is still an evolving API (v1alpha1) to validate in the PoC.", rsTable("Network Policy Scope"), rsProse("AdminNetworkPolicy is the key to DFW parity")),
      s("azure-local", 2, "documented", "NSG-like rules scoped to subnets or VM NICs; no category/tier model described.", rsTable("Network Policy Scope")),
      s("swisscom-esc", 2, "documented", "Service-portal-defined rules scoped to customer-visible segments.", rsTable("Network Policy Scope")),
    ],
  },
  {
    id: "identity-groups",
    name: "Identity (tag/label) based groups",
    group: "security-policy",
    kind: "static",
    description: "Dynamic groups from tags/labels/AD so rules follow workloads instead of IPs.",
    workshopQuestions: ["rs-1"],
    scores: [
      s("vmware-nsx", 5, "documented", "Dynamic security groups from vCenter tags, AD group membership, CMDB integrations.", rsSection("4. Micro-segmentation, Implementation Approaches (NSX DFW)")),
      s("ove", 4, "documented", "Label selectors compiled to OVN Address Sets (membership updates without rule changes); vCenter tags must become a label taxonomy; no AD identity groups.", rsSection("5. Network Policies, OVN-Kubernetes NetworkPolicy Implementation"), rsSection("Discussion Guide, question 1")),
      s("azure-local", 1, "documented", "Limited identity integration; rules on address prefixes.", rsTable("Micro-segmentation")),
      s("swisscom-esc", 2, "assumption", "NSX groups exist underneath, but whether tag-based groups are exposed through the service portal is not documented.", rsTable("Micro-segmentation")),
    ],
  },
  {
    id: "l7-fqdn",
    name: "L7 / FQDN rules",
    group: "security-policy",
    kind: "static",
    description: "Rules on application identity, HTTP attributes, TLS SNI or DNS names.",
    workshopQuestions: ["rs-5", "rs-1"],
    scores: [
      s("vmware-nsx", 4, "documented", "DFW supports FQDN rules and L7 context (with ALB / NSX Intelligence).", rsSection("5. Network Policies, NetworkPolicy Limitations (table)")),
      s("ove", 2, "documented", "NetworkPolicy/ANP have no L7 or FQDN rules; L7 requires CiliumNetworkPolicy, and Cilium is only a secondary CNI in OVE.", rsSection("5. Network Policies, NetworkPolicy Limitations (table)"), rsProse("Micro-segmentation maturity")),
      s("azure-local", 1, "documented", "VFP ACLs match L3/L4 only.", rsSection("4. Micro-segmentation, Implementation Approaches (Hyper-V VFP)")),
      s("swisscom-esc", 1, "assumption", "Not documented as customer-configurable; rules limited to the portal's granularity.", rsTable("Micro-segmentation")),
    ],
  },
  {
    id: "logging-flow-evidence",
    name: "Logging and flow evidence",
    group: "security-policy",
    kind: "static",
    description: "Per-rule logging, hit counters, flow logs for audit evidence that rules are enforced.",
    knockOut: {
      minScore: 2,
      reason: "Auditors need evidence that policies are enforced (routing-and-security.txt, 4. Micro-segmentation, Challenges at Scale: Audit compliance).",
    },
    workshopQuestions: ["rs-9"],
    scores: [
      s("vmware-nsx", 5, "documented", "Per-rule logging toggle, rule hit counters and flow logs.", rsSection("4. Micro-segmentation, Challenges at Scale"), rsSection("5. Network Policies, NetworkPolicy Limitations (table)")),
      s("ove", 3, "documented", "OVN ACL logging to syslog/SIEM, IPFIX flow export, Hubble if Cilium is deployed; no ANP-specific hit counters; no logging in the NetworkPolicy spec.", rsSection("Discussion Guide, question 9"), rsSection("Discussion Guide, question 2")),
      s("azure-local", 2, "assumption", "The seeds do not describe per-rule flow logging for VFP ACLs; Network Controller diagnostics only.", nfTable("Troubleshooting tools")),
      s("swisscom-esc", 2, "assumption", "Enforcement evidence would come from the provider; customer visibility into the stack is limited.", nfProse("SDN maturity and control")),
    ],
  },
  {
    id: "policy-management",
    name: "Policy management (UI, GitOps)",
    group: "security-policy",
    kind: "static",
    description: "Authoring, review and change history of rules: graphical tooling and policy as code.",
    workshopQuestions: ["rs-9", "nf-10"],
    scores: [
      s("vmware-nsx", 4, "documented", "NSX Manager graphical editor, rule search, hit counters; REST API but no native GitOps.", rsTable("Policy Management UI"), nfTable("Network config as code")),
      s("ove", 4, "documented", "Policies are YAML via Kubernetes API, fully GitOps-compatible (version history, reviews); no integrated graphical rule builder (ACS/Calico Enterprise fill the gap).", rsTable("Policy Management UI"), rsProse("Micro-segmentation maturity"), nfTable("Network config as code")),
      s("azure-local", 3, "documented", "Windows Admin Center, Azure Portal (limited), PowerShell; ARM/Bicep/Terraform.", rsTable("Policy Management UI"), nfTable("Network config as code")),
      s("swisscom-esc", 2, "documented", "Swisscom service portal; ESC API with limited IaC maturity.", rsTable("Policy Management UI"), nfTable("Network config as code")),
    ],
  },
  {
    id: "distributed-routing",
    name: "Distributed routing",
    group: "network",
    kind: "static",
    description: "East-west routing on every host without hairpinning through a central router.",
    workshopQuestions: ["nf-1", "nf-5"],
    scores: [
      s("vmware-nsx", 5, "documented", "NSX DR on every transport node + SR on Edge; mature, proven at scale.", rsTable("DVR")),
      s("ove", 5, "documented", "OVN logical routers distributed on all nodes by default; gateway chassis for external traffic.", rsTable("DVR"), rsSection("1. DVR, How OVN Implements DVR")),
      s("azure-local", 4, "documented", "Hyper-V Network Virtualization with distributed routing via VFP.", rsTable("DVR")),
      s("swisscom-esc", 3, "documented", "Managed by Swisscom; the customer has no visibility into the routing architecture.", rsTable("DVR")),
    ],
  },
  {
    id: "vrf-isolation",
    name: "VRF / isolation",
    group: "network",
    kind: "static",
    description: "Independent L3 routing domains for hard tenant/zone separation.",
    workshopQuestions: ["nf-1"],
    scores: [
      s("vmware-nsx", 5, "documented", "NSX logical routers give VRF-equivalent isolation; VRF Lite on ToR.", rsTable("VRF / Network Isolation")),
      s("ove", 4, "documented", "OVN logical routers and Multus secondary networks for hard isolation; namespaces share one routing context by default.", rsTable("VRF / Network Isolation"), rsSection("2. VRF, How VRFs Map to OVN Logical Routers and Kubernetes Namespaces")),
      s("azure-local", 4, "documented", "VRF on the Hyper-V vSwitch via VFP; logical networks provide isolation.", rsTable("VRF / Network Isolation")),
      s("swisscom-esc", 3, "documented", "Managed segmentation; the customer requests segments from Swisscom.", rsTable("VRF / Network Isolation")),
    ],
  },
  {
    id: "ebpf",
    name: "eBPF",
    group: "network",
    kind: "static",
    description: "Access to the Linux eBPF ecosystem for enforcement and observability.",
    workshopQuestions: ["rs-5"],
    scores: [
      s("vmware-nsx", 0, "documented", "Not available (ESXi vmkernel datapath).", rsTable("eBPF")),
      s("ove", 4, "documented", "Full Linux eBPF stack; OVN-Kubernetes uses OVS flows today; Cilium available as secondary CNI; strategic rather than immediate advantage.", rsTable("eBPF"), rsProse("eBPF is an OVE-only advantage")),
      s("azure-local", 0, "documented", "Not available (Hyper-V uses VFP).", rsTable("eBPF")),
      s("swisscom-esc", 0, "documented", "Not available (managed service).", rsTable("eBPF")),
    ],
  },
  {
    id: "qos",
    name: "QoS",
    group: "network",
    kind: "static",
    description: "Traffic separation and bandwidth guarantees for storage, migration, management and VM traffic.",
    workshopQuestions: ["rs-6"],
    scores: [
      s("vmware-nsx", 5, "documented", "NIOC: per-traffic-type shares and reservations, UI-driven.", rsTable("QoS")),
      s("ove", 2, "documented", "Linux TC + OVS QoS configured manually or via MachineConfig; no integrated UI; an operational gap.", rsTable("QoS"), rsProse("QoS is an operational gap in OVE")),
      s("azure-local", 3, "documented", "Network ATC intent-based classification; simpler than raw TC, less granular than NIOC.", rsTable("QoS"), rsProse("QoS is an operational gap in OVE")),
      s("swisscom-esc", 1, "documented", "Managed by Swisscom; the customer has no QoS controls.", rsTable("QoS")),
    ],
  },
  {
    id: "vpn-ipsec",
    name: "VPN / IPsec",
    group: "network",
    kind: "static",
    description: "Site-to-site IPsec/route-based VPN with BGP for DC interconnect, DR and partners.",
    workshopQuestions: ["rs-7", "rs-10"],
    scores: [
      s("vmware-nsx", 5, "documented", "NSX Edge: full IPsec VPN (policy/route-based, IKEv1/v2, BGP over IPsec).", rsTable("VPN / IPsec"), rsSection("7. VPN / IPsec Tunneling, VPN in Each Platform")),
      s("ove", 2, "documented", "No integrated site-to-site VPN: needs an external gateway (strongSwan pod, appliance); OVN IPsec covers node-to-node only.", rsTable("VPN / IPsec"), rsProse("VPN/IPsec: NSX Edge vs external gateway")),
      s("azure-local", 3, "documented", "Azure VPN Gateway VM with IKEv2 and BGP; integrated but less feature-rich than NSX Edge.", rsTable("VPN / IPsec"), rsProse("VPN/IPsec: NSX Edge vs external gateway")),
      s("swisscom-esc", 3, "documented", "Managed S2S VPN; customer specifies endpoints and selectors, limited visibility.", rsTable("VPN / IPsec"), rsSection("7. VPN / IPsec Tunneling, VPN in Each Platform")),
    ],
  },
  {
    id: "overlay-encryption",
    name: "Overlay encryption",
    group: "network",
    kind: "static",
    description: "Encryption of east-west overlay traffic between hosts.",
    workshopQuestions: ["rs-8", "nf-2"],
    scores: [
      s("vmware-nsx", 4, "documented", "GENEVE encryption between transport nodes is supported.", rsTable("Overlay Encryption")),
      s("ove", 4, "documented", "OVN IPsec (strongSwan, transport-mode ESP on GENEVE), supported in OpenShift 4.14+; inline NIC offload available.", rsTable("Overlay Encryption"), rsSection("Discussion Guide, question 8")),
      s("azure-local", 1, "documented", "Not available by default; WAN assumed on private ExpressRoute or VPN.", rsTable("Overlay Encryption")),
      s("swisscom-esc", 2, "assumption", "Managed by Swisscom; whether east-west overlay traffic is encrypted is not documented.", rsTable("Overlay Encryption")),
    ],
  },
  {
    id: "troubleshooting-access",
    name: "Troubleshooting access",
    group: "operations",
    kind: "static",
    description: "The bank's own ability to trace and debug packet paths at 2 a.m.",
    workshopQuestions: ["nf-7"],
    scores: [
      s("vmware-nsx", 5, "documented", "NSX UI, packet tracing, traceflow.", nfTable("Troubleshooting tools")),
      s("ove", 5, "documented", "Full OVN/OVS stack exposed: ovn-trace, ovs-ofctl, tcpdump, Network Observability Operator; most transparency.", nfTable("Troubleshooting tools"), nfProse("SDN maturity and control")),
      s("azure-local", 3, "documented", "Test-NetConnection, Network Controller diagnostics, WAC; less visibility (middle ground).", nfTable("Troubleshooting tools"), nfProse("SDN maturity and control")),
      s("swisscom-esc", 1, "documented", "Ticket to Swisscom; no direct platform access.", nfTable("Troubleshooting tools"), nfSection("Discussion Guide, question 7")),
    ],
  },
  {
    id: "operating-model",
    name: "Operating model (self-run vs provider-managed)",
    group: "operations",
    kind: "static",
    description:
      "Self-service control of network and security changes. 5 = the bank changes its own network automated and self-service; 1 = every change is a provider ticket. Weight it low if the bank prefers to hand operations to a provider.",
    workshopQuestions: ["nf-10"],
    scores: [
      s("vmware-nsx", 4, "documented", "Self-run; vCenter/NSX API, limited config as code.", nfTable("Network config as code")),
      s("ove", 5, "documented", "Self-run; NMState policies roll out across nodes with validation and rollback; all GitOps.", nfSection("Discussion Guide, question 10"), nfTable("Network config as code")),
      s("azure-local", 4, "documented", "Self-run; Network ATC intent updates, ARM/Bicep/Terraform.", nfSection("Discussion Guide, question 10"), nfTable("Network config as code")),
      s("swisscom-esc", 1, "documented", "Provider-managed: changes are Swisscom change requests with an SLA; simplest but least flexible.", nfSection("Discussion Guide, question 10"), rsProse("Swisscom ESC abstraction level")),
    ],
  },
  {
    id: "lock-in",
    name: "Lock-in (5 = least)",
    group: "strategy-compliance",
    kind: "static",
    description: "Openness of the SDN stack the bank commits to; the SDN decision has a 5–10 year lock-in effect.",
    workshopQuestions: [],
    scores: [
      s("vmware-nsx", 1, "documented", "NSX is proprietary.", nfSection("Key Takeaways: SDN is the differentiating technology choice"), nfTable("SDN stack")),
      s("ove", 4, "documented", "OVN/OVS are open source with full transparency (the OpenShift subscription remains a vendor tie).", nfSection("Key Takeaways: SDN is the differentiating technology choice"), nfTable("SDN stack")),
      s("azure-local", 2, "documented", "Microsoft SDN/VFP is proprietary and intent-based.", nfSection("Key Takeaways: SDN is the differentiating technology choice"), nfTable("SDN stack")),
      s("swisscom-esc", 1, "documented", "Proprietary NSX, additionally managed by the provider.", nfSection("Key Takeaways: SDN is the differentiating technology choice"), nfTable("SDN stack")),
    ],
  },
  {
    id: "finma-outsourcing",
    name: "FINMA outsourcing fit (audit rights, data location)",
    group: "strategy-compliance",
    kind: "static",
    description:
      "Ability to give auditors and FINMA access and evidence, and to keep data and control in known locations. The seeds only cite FINMA Circular 2023/1; outsourcing terms are contractual and must be confirmed in the workshop.",
    knockOut: {
      minScore: 2,
      reason: "A platform that cannot give audit access and evidence fails the FINMA expectations for regulated workloads.",
    },
    workshopQuestions: ["rs-9", "rs-3"],
    scores: [
      s("vmware-nsx", 4, "assumption", "Bank-operated on premises: no outsourcing of the network stack; policy export via API for auditors.", rsSection("4. Micro-segmentation, Challenges at Scale: Audit compliance")),
      s("ove", 4, "assumption", "Bank-operated; policies are API resources and Git history gives the audit trail.", rsSection("Discussion Guide, question 9")),
      s("azure-local", 3, "assumption", "Bank-operated hardware, but management through Azure Portal / ARM ties the control plane to Microsoft's cloud; data location of management data to be confirmed.", rsTable("Policy Management UI"), nfTable("Network config as code")),
      s("swisscom-esc", 2, "assumption", "Material outsourcing to a provider: no direct platform access, so audit rights and evidence depend on the contract.", nfTable("Troubleshooting tools"), nfProse("SDN maturity and control")),
    ],
  },
];

/** The validated seeded catalogue. Parsing at load time makes a bad edit fail fast in tests and the CLI. */
export const SEED_CATALOGUE: TCatalogue = ZCatalogue.parse({
  version: "2026-11-21.1",
  date: SEED_DATE,
  criteria,
  workshopQuestions: WORKSHOP_QUESTIONS,
});
