/**
 * The controls a Parity snapshot gives evidence for, as data an auditor can trace: framework, edition,
 * identifier, the title the framework itself uses, one line on why this evidence supports it, and whether the
 * identifier was checked against a readable source. Evidence for a control is not compliance with it: the
 * snapshot proves what the rule sets allow, who sealed and approved it, and that nothing changed since.
 *
 * Sources read when this catalogue was written (issue 13):
 * - FINMA Circular 2023/1 "Operational risks and resilience – banks" (published 7 December 2022, in force
 *   1 January 2024). Its chapter topics (overarching management of operational risks; ICT risks; cyber risks;
 *   critical data; business continuity management; operational resilience) are confirmed by several
 *   summaries; its margin numbers (Rz) could not be read from the circular itself, so every FINMA entry says
 *   "margin number not verified" instead of guessing one.
 * - ISO/IEC 27001:2022 Annex A (Table A.1) control numbers and titles, as listed in published statements of
 *   applicability and the standard's Annex A extract.
 * - PCI DSS v4.0.1 requirement texts 1.2.x and 1.3.x (unchanged from v4.0 for these requirements; v4.0 was
 *   retired at the end of 2024).
 * - NIST SP 800-41 Rev. 1 "Guidelines on Firewalls and Firewall Policy" (September 2009): section 4 is the
 *   firewall policy, section 5 the planning and implementation phases (plan, configure, test, deploy, manage).
 */

export const FRAMEWORKS = {
  finma: {
    name: "FINMA",
    edition: "Circular 2023/1 “Operational risks and resilience – banks” (in force 1 January 2024)",
  },
  iso: { name: "ISO/IEC 27001", edition: "ISO/IEC 27001:2022, Annex A" },
  pci: { name: "PCI DSS", edition: "PCI DSS v4.0.1 (June 2024)" },
  nist: { name: "NIST SP 800-41", edition: "SP 800-41 Rev. 1 (September 2009)" },
} as const;
export type TFrameworkKey = keyof typeof FRAMEWORKS;

export interface TControl {
  id: string;
  framework: TFrameworkKey;
  /** Chapter and margin number (FINMA), Annex A id (ISO), requirement (PCI), section (NIST). */
  identifier: string;
  /** The title the framework uses for it. */
  title: string;
  /** Why this snapshot's evidence supports the control (never "complies with"). */
  why: string;
  /** Whether the identifier was checked against a readable source; when not, `note` says what is missing. */
  verified: boolean;
  note?: string;
}

const FINMA_RZ = "margin number not verified against the circular";

export const CONTROLS = [
  {
    id: "finma-ict",
    framework: "finma",
    identifier: "Chapter “Management of ICT risks” (change management)",
    title: "Management of ICT risks",
    why: "The rule-set migration is an ICT change; the snapshot records it tested (exact equivalence) and approved before it goes live.",
    verified: false,
    note: FINMA_RZ,
  },
  {
    id: "finma-cyber",
    framework: "finma",
    identifier: "Chapter “Management of cyber risks” (protection)",
    title: "Management of cyber risks",
    why: "The segmentation that limits lateral movement is shown to be preserved, and every place it is not is listed as a difference or finding.",
    verified: false,
    note: FINMA_RZ,
  },
  {
    id: "iso-a.5.3",
    framework: "iso",
    identifier: "A.5.3",
    title: "Segregation of duties",
    why: "The approval policy keeps the person (and role) who sealed the snapshot from approving it; the signed approvals show who did.",
    verified: true,
  },
  {
    id: "iso-a.5.33",
    framework: "iso",
    identifier: "A.5.33",
    title: "Protection of records",
    why: "The snapshot is a signed, hash-chained record: any later change to it or to an earlier snapshot is detectable offline.",
    verified: true,
  },
  {
    id: "iso-a.8.15",
    framework: "iso",
    identifier: "A.8.15",
    title: "Logging",
    why: "Findings state where per-rule logging of NSX cannot be carried one to one into the Kubernetes policies.",
    verified: true,
  },
  {
    id: "iso-a.8.20",
    framework: "iso",
    identifier: "A.8.20",
    title: "Networks security",
    why: "The network's filtering rules, before and after the migration, are frozen and compared exactly.",
    verified: true,
  },
  {
    id: "iso-a.8.21",
    framework: "iso",
    identifier: "A.8.21",
    title: "Security of network services",
    why: "Services and ports each rule allows are listed per rule; insecure services are raised as findings.",
    verified: true,
  },
  {
    id: "iso-a.8.22",
    framework: "iso",
    identifier: "A.8.22",
    title: "Segregation of networks",
    why: "The verdict states whether the segments NSX keeps apart stay apart in Kubernetes, flow class by flow class.",
    verified: true,
  },
  {
    id: "iso-a.8.32",
    framework: "iso",
    identifier: "A.8.32",
    title: "Change management",
    why: "Approvals record the approver's role, the change reference and the decision for exactly this sealed change.",
    verified: true,
  },
  {
    id: "pci-1.2.1",
    framework: "pci",
    identifier: "1.2.1",
    title: "Configuration standards for NSC rulesets are defined, implemented, and maintained.",
    why: "The mapping profile (the translation standard) and the rule sets it produced are sealed together.",
    verified: true,
  },
  {
    id: "pci-1.2.2",
    framework: "pci",
    identifier: "1.2.2",
    title:
      "All changes to network connections and to configurations of NSCs are approved and managed in accordance with the change control process defined at Requirement 6.5.1.",
    why: "The change (NSX rules → Kubernetes policies) carries signed approvals with a change reference.",
    verified: true,
  },
  {
    id: "pci-1.2.5",
    framework: "pci",
    identifier: "1.2.5",
    title: "All services, protocols, and ports allowed are identified, approved, and have a defined business need.",
    why: "The traceability table names, per rule, what it allows and — where the export has them — its owner and justification.",
    verified: true,
  },
  {
    id: "pci-1.2.6",
    framework: "pci",
    identifier: "1.2.6",
    title:
      "Security features are defined and implemented for all services, protocols, and ports that are in use and considered to be insecure, such that the risk is mitigated.",
    why: "Rules allowing insecure services are raised as findings with a remediation.",
    verified: true,
  },
  {
    id: "pci-1.2.7",
    framework: "pci",
    identifier: "1.2.7",
    title: "Configurations of NSCs are reviewed at least once every six months to confirm they are relevant and effective.",
    why: "Shadowed, redundant and disabled rules found here are input to the six-monthly review; one snapshot is not that review.",
    verified: true,
  },
  {
    id: "pci-1.2.8",
    framework: "pci",
    identifier: "1.2.8",
    title: "Configuration files for NSCs are secured from unauthorized access and kept consistent with active network configurations.",
    why: "The sealed manifests are tamper-evident; consistency with the running cluster needs the deployed-state check on top.",
    verified: true,
  },
  {
    id: "pci-1.3.1",
    framework: "pci",
    identifier: "1.3.1",
    title: "Inbound traffic to the CDE is restricted: only traffic that is necessary; all other traffic is specifically denied.",
    why: "Default-allow findings show where inbound traffic is not specifically denied; the verdict shows the restriction is kept.",
    verified: true,
  },
  {
    id: "pci-1.3.2",
    framework: "pci",
    identifier: "1.3.2",
    title: "Outbound traffic from the CDE is restricted: only traffic that is necessary; all other traffic is specifically denied.",
    why: "Default-allow findings show where outbound traffic is not specifically denied; the verdict shows the restriction is kept.",
    verified: true,
  },
  {
    id: "nist-4",
    framework: "nist",
    identifier: "Section 4",
    title: "Firewall Policy",
    why: "Findings compare the rule set with the policy's default-deny and least-privilege expectations.",
    verified: false,
    note: "section number not verified against its table of contents",
  },
  {
    id: "nist-5.3",
    framework: "nist",
    identifier: "Section 5.3",
    title: "Test (firewall planning and implementation)",
    why: "The exact equivalence check tests the new rule set against the old before deployment, for every flow class.",
    verified: false,
    note: "section number not verified against its table of contents",
  },
  {
    id: "nist-5.5",
    framework: "nist",
    identifier: "Section 5.5",
    title: "Manage (firewall planning and implementation)",
    why: "Snapshots chained over time, with their differences, document how the policy changed and who approved it.",
    verified: false,
    note: "section number not verified against its table of contents",
  },
] as const satisfies readonly TControl[];

export type TControlId = (typeof CONTROLS)[number]["id"];

export function control(id: TControlId): TControl {
  return CONTROLS.find((c) => c.id === id)!;
}

/** "PCI DSS v4.0.1 1.3.1", "ISO/IEC 27001:2022 A.8.32", "FINMA 2023/1 Management of ICT risks". */
export function controlLabel(c: TControl): string {
  switch (c.framework) {
    case "finma":
      return `FINMA 2023/1 ${c.title}`;
    case "iso":
      return `ISO/IEC 27001:2022 ${c.identifier}`;
    case "pci":
      return `PCI DSS v4.0.1 ${c.identifier}`;
    case "nist":
      return `NIST SP 800-41r1 ${c.identifier.replace("Section ", "§")}`;
  }
}
