/**
 * Vendor workshop questions, quoted verbatim from the seed documents' "Discussion Guide" sections
 * (the reference documents routing-and-security.txt and networking-foundations.txt, dated 2026-11-21;
 * `npm run check:citations -- --sources DIR` checks every quotation against them).
 * Criteria reference them by id so the UI can show the questions next to each criterion.
 */
import type { TWorkshopQuestion } from "./types.ts";

export const WORKSHOP_QUESTIONS: TWorkshopQuestion[] = [
  {
    id: "rs-1",
    title: "NSX DFW Rule Migration Strategy",
    question:
      "We have 3,200 NSX DFW rules across five categories (Emergency, Infrastructure, Environment, Application, Default). Walk us through the migration strategy to Kubernetes NetworkPolicy + AdminNetworkPolicy. How do we map the NSX category model to ANP priorities? How do we handle NSX rules that use dynamic security groups populated by vCenter tags? What about rules with L7 Application signatures? What is the expected timeline for migrating this rule set?",
    purpose:
      "Tests the vendor's understanding of the DFW-to-NetworkPolicy mapping and realistic migration planning. The correct answer should include: (1) Emergency/Infrastructure/Environment categories map to ANPs with priority 0-99/10-99/100-499; Application category maps to namespace NetworkPolicies; Default rule maps to BANP. (2) vCenter tag-based security groups must be replaced with Kubernetes labels on VM pods -- this requires a label taxonomy design and automated label assignment during VM migration. (3) L7 rules cannot be expressed in NetworkPolicy; they require CiliumNetworkPolicy or application-level controls (TLS mutual auth, API gateway rules). (4) Migration timeline for 3,200 rules: 3-6 months minimum with dedicated security engineering resources, including rule consolidation (many NSX rules are redundant or obsolete), testing, and phased cutover.",
    source: {
      document: "routing-and-security.txt",
      section: "Discussion Guide, question 1: NSX DFW Rule Migration Strategy",
    },
  },
  {
    id: "rs-2",
    title: "AdminNetworkPolicy Maturity and Limitations",
    question:
      "AdminNetworkPolicy is still v1alpha1 in upstream Kubernetes. What is the maturity level in the OpenShift version you are proposing? Have you deployed ANP in production with more than 500 policies? What are the known limitations? How does ANP priority evaluation interact with namespace NetworkPolicies? Can you demonstrate the Pass action with a concrete example?",
    purpose:
      "Tests real-world ANP experience. The answer should address: OpenShift 4.14+ supports ANP via OVN-Kubernetes with tech-preview stability; OpenShift 4.16+ targets GA. Known limitations include: limited tooling for policy visualization, no ANP-specific hit counters in OVN (logging is available), and ANP updates trigger OVN ACL recompilation which may cause brief policy enforcement gaps on large clusters. The Pass action delegates to namespace NetworkPolicy -- if an ANP with priority 10 matches with action Pass, evaluation continues to lower-priority ANPs, then to namespace NetworkPolicies, then to BANP.",
    source: {
      document: "routing-and-security.txt",
      section: "Discussion Guide, question 2: AdminNetworkPolicy Maturity and Limitations",
    },
  },
  {
    id: "rs-3",
    title: "Default Deny Implementation and Impact",
    question:
      "We need to implement default deny across the entire cluster for FINMA compliance. Walk us through the implementation. What happens to existing workloads when we enable default deny? How do we ensure DNS, monitoring, and infrastructure services continue to work? What is the rollback plan if the default deny breaks production?",
    purpose:
      'Tests operational readiness for zero-trust deployment. The correct answer: implement BANP with Deny action for all traffic, then create ANPs for infrastructure services (DNS, monitoring, kube-apiserver, ingress controller, OVN internal traffic) before enabling the BANP. The safest approach: (1) deploy all infrastructure ANPs first, (2) deploy application NetworkPolicies for known flows, (3) enable BANP in "audit mode" (if available -- OVN ACL logging) to identify traffic that would be denied, (4) resolve all identified gaps, (5) switch BANP to enforcing mode. Rollback: delete the BANP resource, which immediately reverts to Kubernetes default-allow behavior. Critical gotcha: OVN internal traffic (ovnkube-node, ovnkube-controller communications) must be explicitly allowed, or the cluster control plane breaks.',
    source: {
      document: "routing-and-security.txt",
      section: "Discussion Guide, question 3: Default Deny Implementation and Impact",
    },
  },
  {
    id: "rs-4",
    title: "NetworkPolicy for KubeVirt VMs with Multus",
    question:
      "We have KubeVirt VMs with two network interfaces: a primary OVN interface and a secondary VLAN interface via Multus bridge CNI. How does NetworkPolicy apply to this VM? Is the VLAN interface protected by NetworkPolicy? If not, how do we enforce micro-segmentation on the VLAN traffic? What about VMs with SR-IOV secondary interfaces?",
    purpose:
      "Tests understanding of the Multus + NetworkPolicy interaction. The correct answer: NetworkPolicy applies only to the primary OVN interface (the pod's cluster network attachment). Traffic on the Multus secondary interface bypasses OVN ACLs entirely. For VLAN traffic micro-segmentation, options include: (1) physical firewall/ACLs on the ToR switch for the VLAN, (2) OVN secondary networks (using Multus with OVN as the secondary CNI, which does support ACLs), (3) in-guest firewall rules (iptables/firewalld inside the VM). SR-IOV interfaces are even further outside NetworkPolicy scope -- traffic goes directly from the VF to the physical NIC, bypassing OVS entirely. For SR-IOV-attached VMs, micro-segmentation must be handled at the physical switch or via eSwitch ACLs (if using switchdev mode).",
    source: {
      document: "routing-and-security.txt",
      section: "Discussion Guide, question 4: NetworkPolicy for KubeVirt VMs with Multus",
    },
  },
  {
    id: "rs-5",
    title: "eBPF and Cilium Evaluation",
    question:
      "Should we deploy Cilium alongside OVN-Kubernetes for enhanced micro-segmentation and observability? What are the trade-offs? Can Cilium replace OVN-Kubernetes as the primary CNI in OVE? What is the operational overhead of running two networking stacks? How does Hubble compare to our existing NSX Intelligence deployment for flow visualization?",
    purpose:
      "Tests architectural judgment on eBPF strategy. The answer should include: Cilium can run alongside OVN-Kubernetes as a secondary CNI (via Multus) but cannot replace it in OVE -- OVN-Kubernetes is the supported and tested CNI for OpenShift. Running two CNIs adds operational complexity (two control planes, two sets of flow tables, two troubleshooting paths). The recommended approach: use OVN-Kubernetes for all NetworkPolicy enforcement (it handles the DFW replacement use case effectively), and evaluate Cilium Hubble specifically for observability if NSX Intelligence-equivalent flow visualization is a requirement. Hubble provides per-flow verdict logging, service dependency maps, DNS query logging, and HTTP request tracing -- comparable to NSX Intelligence for L3/L4 and superior for L7 (with CiliumNetworkPolicy).",
    source: {
      document: "routing-and-security.txt",
      section: "Discussion Guide, question 5: eBPF and Cilium Evaluation",
    },
  },
  {
    id: "rs-6",
    title: "QoS and Traffic Separation",
    question:
      "In VMware, we use NIOC to separate storage (vSAN), vMotion, management, and VM traffic with guaranteed bandwidth reservations. How do we achieve equivalent traffic separation in OVE? What happens if storage traffic (Ceph) consumes all bandwidth during a recovery event and starves VM production traffic? Show us the specific configuration.",
    purpose:
      "Tests practical QoS implementation knowledge. The answer should demonstrate: Linux TC with HTB qdisc on the bond interface, with classes for storage (Ceph OSD), live migration (KubeVirt virt-handler), management (API server, monitoring), and VM traffic. DSCP marking at the OVS level for traffic classification. The specific risk: Ceph recovery after an OSD failure generates enormous rebalancing traffic that, without QoS, can saturate the entire network link. The TC configuration must guarantee minimum bandwidth for VM production traffic even during Ceph recovery. The answer should also mention that this is a day-1 configuration requirement, not a day-2 optimization.",
    source: {
      document: "routing-and-security.txt",
      section: "Discussion Guide, question 6: QoS and Traffic Separation",
    },
  },
  {
    id: "rs-7",
    title: "IPsec and Multi-Datacenter Connectivity",
    question:
      "We operate two data centers (active-active) with NSX Federation providing stretched networking and cross-site DFW policy synchronization. How do we replicate this in OVE? What replaces NSX Federation for cross-site policy management? How is the inter-DC traffic encrypted? What is the failover behavior when one site loses connectivity?",
    purpose:
      "Tests multi-datacenter architecture knowledge. The correct answer: OVE does not have a direct equivalent to NSX Federation. Cross-site connectivity options include: (1) Submariner (Red Hat's multi-cluster networking project) for cross-cluster service discovery and L3 connectivity with IPsec encryption, (2) site-to-site VPN gateway connecting the two clusters' external networks, (3) Red Hat Advanced Cluster Management (ACM) for cross-cluster policy distribution (pushing NetworkPolicy and ANP resources to both clusters via GitOps). The critical gap: NSX Federation's stretched logical switch (L2 stretch across sites) is not replicated in OVE -- workloads are expected to be L3-routable across sites, not L2-adjacent. This may require application architecture changes for workloads that depend on L2 adjacency across sites.",
    source: {
      document: "routing-and-security.txt",
      section: "Discussion Guide, question 7: IPsec and Multi-Datacenter Connectivity",
    },
  },
  {
    id: "rs-8",
    title: "Overlay Encryption Performance",
    question:
      "We are considering enabling OVN IPsec to encrypt all east-west overlay traffic for compliance. What is the performance impact? How many Gbps of encrypted throughput can we expect per node with AES-NI? Does IPsec encryption add latency to every packet? Is there a hardware offload option? What is the operational overhead (certificate management, rekeying)?",
    purpose:
      "Tests IPsec operational readiness. The answer should include: with AES-256-GCM and AES-NI, a single core can encrypt at 10-15 Gbps; with multi-core parallelism (Linux xfrm uses per-CPU SAs), aggregate throughput of 40-80 Gbps per node is achievable on modern CPUs. Latency impact: ~5-15 us per packet for encryption/decryption (added to the existing OVS processing latency). Hardware offload: inline IPsec offload is available on ConnectX-6 Dx and newer NICs (offloads ESP processing to NIC hardware, reducing CPU overhead to near-zero and latency to ~1-2 us). Certificate management: OVN IPsec uses self-signed certificates managed by the ovn-ipsec daemonset, with automatic rotation. For enterprise PKI integration (using the organization's CA), the certificate issuance and rotation process must be customized -- this is an operational integration task.",
    source: {
      document: "routing-and-security.txt",
      section: "Discussion Guide, question 8: Overlay Encryption Performance",
    },
  },
  {
    id: "rs-9",
    title: "Micro-segmentation Audit and Compliance",
    question:
      "Our auditors require a complete, point-in-time snapshot of all security policies, evidence that they are enforced, and a change history. How do we provide this in OVE? In NSX, we export DFW rules via API and provide flow logs as enforcement evidence. What is the equivalent?",
    purpose:
      "Tests audit compliance capability. The answer should include: (1) Policy snapshot: oc get networkpolicy,adminnetworkpolicy,baselineadminnetworkpolicy -A -o yaml provides a complete export of all policies. If policies are managed via GitOps (ArgoCD, Flux), the Git repository itself is the version-controlled audit trail with full change history, author attribution, and approval records. (2) Enforcement evidence: OVN ACL logging (ovn-nbctl set ACL <uuid> log=true) generates syslog entries for every packet that matches an ACL. These logs can be shipped to the SIEM for audit. (3) Flow logs: OVN flow export via IPFIX or Hubble (if Cilium is deployed) provides flow-level visibility comparable to NSX flow logs. (4) Change history: GitOps commit log provides the who/what/when/why for every policy change -- arguably superior to NSX Manager's audit log because it includes the approval workflow context (PR reviews, CI test results).",
    source: {
      document: "routing-and-security.txt",
      section: "Discussion Guide, question 9: Micro-segmentation Audit and Compliance",
    },
  },
  {
    id: "rs-10",
    title: "VPN Gateway Architecture for OVE",
    question:
      "We need site-to-site IPsec VPN between our OVE cluster and three remote sites (DR site, partner network, cloud VPC). In NSX, we use NSX Edge VPN. What is the equivalent in OVE? Do we deploy strongSwan as a pod? Do we use a physical appliance? How do we handle BGP over IPsec for dynamic routing? What is the HA model for the VPN gateway?",
    purpose:
      "Tests VPN design in an OVE context. The correct answer: OVE does not include an integrated VPN gateway. Options: (1) Physical VPN appliance (Cisco, Palo Alto, Fortinet) at the data center edge -- simplest, well-understood, but outside the Kubernetes management plane. (2) strongSwan pod with host networking (running as a DaemonSet on dedicated gateway nodes) -- provides IKEv2, BGP (via FRR sidecar), and HA via keepalived or MetalLB for VIP management. (3) VPN operator (e.g., kube-router with BGP, or third-party operators). For BGP over IPsec: deploy FRRouting (FRR) as a sidecar container in the VPN pod, establish BGP sessions over the IPsec tunnel, and inject learned routes into the cluster network. HA model: active-passive with VRRP (keepalived) or active-active with ECMP (multiple gateway pods, each with its own IPsec tunnel to the remote site, physical router load-balancing across them).",
    source: {
      document: "routing-and-security.txt",
      section: "Discussion Guide, question 10: VPN Gateway Architecture for OVE",
    },
  },
  {
    id: "nf-1",
    title: "VLAN and Overlay Architecture",
    question:
      "Walk us through the packet path when VM-A on Node-1 in VLAN 100 sends a TCP packet to VM-B on Node-7 in VLAN 200. Include the encapsulation and decapsulation steps, the routing decision point, and the exact headers present on the wire at each hop. Where does the 802.1Q tag get stripped and the overlay header get added?",
    purpose:
      'Tests whether the vendor understands the interaction between physical VLANs and overlay encapsulation. A weak answer will describe it abstractly ("the SDN handles it"); a strong answer will name the specific components (OVS br-int, GENEVE tunnel, OVN logical router) and describe the header transformations.',
    source: {
      document: "networking-foundations.txt",
      section: "Discussion Guide, question 1: VLAN and Overlay Architecture",
    },
  },
  {
    id: "nf-2",
    title: "MTU and Fragmentation",
    question:
      "Our physical switches are configured with MTU 9216. Our current VMs expect MTU 1500. After migration to your platform, what is the effective MTU inside the VM on an overlay network? What happens if a VM sends a 1500-byte packet and the overlay encapsulation pushes it above the physical MTU? Have you encountered Path MTU Discovery black holes in production deployments, and how did you diagnose them?",
    purpose:
      'Tests MTU planning discipline. The correct answer includes the specific overhead (50-74 bytes for GENEVE/VXLAN), the resulting inner MTU, and the PMTUD failure mode. A vendor who says "it just works" has not deployed at scale.',
    source: {
      document: "networking-foundations.txt",
      section: "Discussion Guide, question 2: MTU and Fragmentation",
    },
  },
  {
    id: "nf-3",
    title: "Bonding and NIC Failover",
    question:
      "We plan to use LACP bonding with two 25 GbE NICs per host. Describe the hash algorithm your platform uses to distribute VM traffic across the two links. How do you verify that traffic is actually balanced? What happens during the 3-second LACP convergence window if a single link fails -- do VMs experience packet loss? How does this interact with your overlay tunnel endpoints?",
    purpose:
      "Tests understanding of bonding internals. The answer should reference xmit_hash_policy, how to measure per-link utilization (e.g., ethtool -S, ip -s link), and the relationship between LACP failover and overlay tunnel re-establishment.",
    source: {
      document: "networking-foundations.txt",
      section: "Discussion Guide, question 3: Bonding and NIC Failover",
    },
  },
  {
    id: "nf-4",
    title: "East-West Micro-Segmentation at Scale",
    question:
      "We have 5,000 VMs across approximately 200 application groups. Each application group needs firewall rules allowing traffic within the group but blocking traffic between groups. How does your platform implement these rules? Where in the data path are they enforced? What is the performance overhead per packet? How many rules can a single host support before performance degrades? How do we audit that the rules are actually enforced?",
    purpose:
      'Tests micro-segmentation scalability. The answer should describe distributed enforcement (at the vSwitch, not a central appliance), the specific mechanism (OVN ACLs, VFP rules, NSX DFW rules), and the performance impact. Ask for specific numbers -- "we tested 10,000 rules per host with less than 2% throughput degradation" is better than "it scales well."',
    source: {
      document: "networking-foundations.txt",
      section: "Discussion Guide, question 4: East-West Micro-Segmentation at Scale",
    },
  },
  {
    id: "nf-5",
    title: "BGP and Physical Fabric Integration",
    question:
      "Our data center runs a spine-leaf fabric with eBGP (one AS per leaf). How does your platform announce service VIPs and VM network routes to the leaf switches? What AS number does the platform use? How do we control which prefixes are announced and which are filtered? If a node hosting a VIP fails, how quickly does the BGP route withdrawal propagate, and what is the resulting traffic disruption?",
    purpose:
      "Tests BGP integration maturity. The answer should include specific convergence times (with and without BFD), route filtering mechanisms (prefix lists, communities), and the interaction between the platform's internal routing and the external BGP peering. For OVE, expect discussion of MetalLB BGP configuration and FRR (Free Range Routing) under the hood.",
    source: {
      document: "networking-foundations.txt",
      section: "Discussion Guide, question 5: BGP and Physical Fabric Integration",
    },
  },
  {
    id: "nf-6",
    title: "DNS/DHCP Integration and IPAM",
    question:
      "When a new VM is provisioned, how does it get its IP address and DNS record? Is this integrated with our existing Infoblox IPAM, or does the platform maintain its own address pool? What happens to the DNS record when the VM is live-migrated to a different node? What happens when the VM is deleted -- is the DNS record cleaned up automatically, or is it orphaned?",
    purpose:
      'Tests operational maturity around IP lifecycle management. A platform that provisions VMs without cleaning up DNS/DHCP records will accumulate stale entries over time, leading to IP conflicts and resolution failures. Look for answers that describe explicit integration with enterprise IPAM (Infoblox, BlueCat) rather than "we have our own DHCP."',
    source: {
      document: "networking-foundations.txt",
      section: "Discussion Guide, question 6: DNS/DHCP Integration and IPAM",
    },
  },
  {
    id: "nf-7",
    title: "SDN Troubleshooting Under Pressure",
    question:
      "A production VM loses network connectivity at 2:00 AM. Your SDN overlay is healthy at the control plane level -- no errors in the controller. The physical network shows no link failures. Walk us through your step-by-step troubleshooting methodology. What tools do you use? How do you determine whether the problem is in the overlay, the underlay, the VM's guest OS, or a firewall rule? How long does this diagnosis typically take?",
    purpose:
      'Tests real-world troubleshooting capability. For OVE, expect references to ovs-ofctl dump-flows, ovn-trace, tcpdump on the node, and checking ovn-sbctl port bindings. For Azure Local, expect Test-NetConnection, Hyper-V network adapter diagnostics, and Network Controller event logs. For ESC, the honest answer is "we open a ticket with Swisscom" -- which is a valid model but must be evaluated against the required incident response time.',
    source: {
      document: "networking-foundations.txt",
      section: "Discussion Guide, question 7: SDN Troubleshooting Under Pressure",
    },
  },
  {
    id: "nf-8",
    title: "Dual-Stack Operational Readiness",
    question:
      "We currently run IPv4-only. Your platform supports dual-stack. If we enable IPv6 on day one, what changes in our operational model? Specifically: do our existing IPv4 firewall rules automatically apply to IPv6? Do our monitoring dashboards show IPv6 traffic? Does our SIEM correlate events across both address families? Can a VM configured with only IPv4 still communicate with a dual-stack VM?",
    purpose:
      'Tests whether dual-stack is truly production-ready or just "technically supported." The critical failure mode is enabling IPv6 without corresponding security policies, creating an unmonitored path through the infrastructure. A mature answer will describe how the platform ensures policy parity between IPv4 and IPv6.',
    source: {
      document: "networking-foundations.txt",
      section: "Discussion Guide, question 8: Dual-Stack Operational Readiness",
    },
  },
  {
    id: "nf-9",
    title: "Network Performance Baseline and SLA",
    question:
      "What network latency should we expect for east-west VM-to-VM traffic on the same leaf switch? On different leaf switches (one spine hop)? Through the SDN overlay? How does this compare to our current VMware NSX latency baseline? Do you have published benchmarks, and can we reproduce them in our PoC environment?",
    purpose:
      'Establishes concrete performance expectations. Typical east-west latency in a well-designed overlay network is 50-150 microseconds per hop. If the vendor cannot provide specific numbers or says "it depends," they have not benchmarked their own stack.',
    source: {
      document: "networking-foundations.txt",
      section: "Discussion Guide, question 9: Network Performance Baseline and SLA",
    },
  },
  {
    id: "nf-10",
    title: "Day-2 Network Changes Without Downtime",
    question:
      "Six months after go-live, we need to add a new VLAN (VLAN 500) to all 100 worker nodes for a new application tier. Describe the process. Can this be done without draining VMs or rebooting nodes? How do we verify that the VLAN is correctly trunked on all physical switch ports and correctly configured on all host interfaces before connecting any VMs to it?",
    purpose:
      "Tests Day-2 operational maturity. For OVE, expect a description of creating a NodeNetworkConfigurationPolicy via NMState, which rolls out the VLAN configuration across all nodes automatically with validation and rollback. For Azure Local, expect Network ATC intent updates. For ESC, expect a Swisscom change request with an SLA. The key differentiator is whether the change is self-service and automated or requires a ticket and a maintenance window.",
    source: {
      document: "networking-foundations.txt",
      section: "Discussion Guide, question 10: Day-2 Network Changes Without Downtime",
    },
  },
];
