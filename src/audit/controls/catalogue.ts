/**
 * The control frameworks a Parity snapshot provides evidence for, kept as data. Only names and titles that
 * the frameworks themselves use; no FINMA margin numbers (the circular's structure is cited by principle).
 * Sources: FINMA Circular 2023/1 "Operational risks and resilience – banks"; ISO/IEC 27001:2022 Annex A;
 * PCI DSS v4.0 Requirement 1.2; NIST SP 800-41 Rev. 1 "Guidelines on Firewalls and Firewall Policy" (2009).
 */

export interface TControl {
  id: string;
  framework: "FINMA 2023/1" | "ISO/IEC 27001:2022" | "PCI DSS v4.0" | "NIST SP 800-41r1";
  ref: string;
  title: string;
}

export const CONTROLS = [
  {
    id: "finma-ict",
    framework: "FINMA 2023/1",
    ref: "ICT risk management",
    title: "Management of ICT risks, including change management and ICT operations",
  },
  {
    id: "finma-cyber",
    framework: "FINMA 2023/1",
    ref: "Cyber risk management",
    title: "Identification and protection against cyber risks, detection and response",
  },
  {
    id: "finma-critical-data",
    framework: "FINMA 2023/1",
    ref: "Critical data management",
    title: "Confidentiality, integrity and availability of critical data",
  },
  {
    id: "finma-bcm",
    framework: "FINMA 2023/1",
    ref: "Business continuity management",
    title: "Business continuity planning and recovery of critical processes",
  },
  {
    id: "finma-resilience",
    framework: "FINMA 2023/1",
    ref: "Operational resilience",
    title: "Ability to deliver critical functions through disruption",
  },
  { id: "iso-8.20", framework: "ISO/IEC 27001:2022", ref: "A.8.20", title: "Networks security" },
  { id: "iso-8.21", framework: "ISO/IEC 27001:2022", ref: "A.8.21", title: "Security of network services" },
  { id: "iso-8.22", framework: "ISO/IEC 27001:2022", ref: "A.8.22", title: "Segregation of networks" },
  {
    id: "pci-1.2.1",
    framework: "PCI DSS v4.0",
    ref: "1.2.1",
    title: "Configuration standards for NSC rulesets are defined, implemented, and maintained",
  },
  {
    id: "pci-1.2.2",
    framework: "PCI DSS v4.0",
    ref: "1.2.2",
    title:
      "All changes to network connections and to configurations of NSCs are approved and managed in accordance with the change control process",
  },
  {
    id: "pci-1.2.3",
    framework: "PCI DSS v4.0",
    ref: "1.2.3",
    title: "An accurate network diagram(s) is maintained that shows all connections between the CDE and other networks",
  },
  {
    id: "pci-1.2.4",
    framework: "PCI DSS v4.0",
    ref: "1.2.4",
    title: "An accurate data-flow diagram(s) is maintained showing all account data flows across systems and networks",
  },
  {
    id: "pci-1.2.5",
    framework: "PCI DSS v4.0",
    ref: "1.2.5",
    title: "All services, protocols, and ports allowed are identified, approved, and have a defined business need",
  },
  {
    id: "pci-1.2.6",
    framework: "PCI DSS v4.0",
    ref: "1.2.6",
    title:
      "Security features are defined and implemented for all services, protocols, and ports that are in use and considered to be insecure",
  },
  {
    id: "pci-1.2.7",
    framework: "PCI DSS v4.0",
    ref: "1.2.7",
    title: "Configurations of NSCs are reviewed at least once every six months to confirm they are relevant and effective",
  },
  {
    id: "pci-1.2.8",
    framework: "PCI DSS v4.0",
    ref: "1.2.8",
    title: "Configuration files for NSCs are secured from unauthorized access and kept consistent with active network configurations",
  },
  {
    id: "nist-policy",
    framework: "NIST SP 800-41r1",
    ref: "Section 4, Firewall Policy",
    title: "Rulesets implement the organisation's policy; traffic not expressly allowed is blocked (default deny)",
  },
  {
    id: "nist-test",
    framework: "NIST SP 800-41r1",
    ref: "Section 5.3, Test",
    title: "Test the firewall ruleset before deployment, including that it blocks what the policy forbids",
  },
  {
    id: "nist-manage",
    framework: "NIST SP 800-41r1",
    ref: "Section 5.5, Manage",
    title: "Manage policy changes and review rulesets periodically throughout the firewall's life",
  },
] as const satisfies readonly TControl[];

export type TControlId = (typeof CONTROLS)[number]["id"];

export function control(id: TControlId): TControl {
  return CONTROLS.find((c) => c.id === id)!;
}
