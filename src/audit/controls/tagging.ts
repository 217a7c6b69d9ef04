/**
 * Which controls each report section and each finding kind gives evidence for. Data, not logic: the PDF,
 * the UI and the bundle print these tags next to every section and finding.
 */
import type { TFinding } from "../snapshot-model.ts";
import { control, type TControl, type TControlId } from "./catalogue.ts";

export const REPORT_SECTIONS = ["cover", "scope", "verdict", "differences", "findings", "controls", "approvals", "integrity"] as const;
export type TReportSection = (typeof REPORT_SECTIONS)[number];

const SECTION_CONTROLS: Record<TReportSection, TControlId[]> = {
  cover: [],
  scope: ["finma-critical-data", "pci-1.2.8", "iso-8.20"],
  verdict: ["finma-ict", "finma-cyber", "iso-8.22", "pci-1.2.1", "nist-test"],
  differences: ["finma-cyber", "iso-8.22", "pci-1.2.5", "nist-test"],
  findings: ["finma-cyber", "iso-8.20", "pci-1.2.1", "pci-1.2.5", "nist-policy"],
  controls: [],
  approvals: ["finma-ict", "pci-1.2.2", "pci-1.2.7", "nist-manage"],
  integrity: ["finma-critical-data", "finma-resilience", "pci-1.2.8", "nist-manage"],
};

export const FINDING_KINDS = [
  "not-equivalent",
  "default-allow",
  "overly-permissive",
  "insecure-service",
  "logging-disabled",
  "shadowed-rule",
  "unresolved-reference",
  "not-translatable",
  "general",
] as const;
export type TFindingKind = (typeof FINDING_KINDS)[number];

const KIND_CONTROLS: Record<TFindingKind, TControlId[]> = {
  "not-equivalent": ["finma-cyber", "finma-bcm", "iso-8.22", "pci-1.2.1", "nist-test"],
  "default-allow": ["finma-cyber", "iso-8.20", "iso-8.22", "nist-policy"],
  "overly-permissive": ["finma-cyber", "iso-8.22", "pci-1.2.5", "nist-policy"],
  "insecure-service": ["finma-cyber", "iso-8.21", "pci-1.2.6"],
  "logging-disabled": ["finma-cyber", "iso-8.20", "nist-manage"],
  "shadowed-rule": ["pci-1.2.7", "nist-manage", "iso-8.20"],
  "unresolved-reference": ["finma-critical-data", "pci-1.2.8", "nist-test"],
  "not-translatable": ["finma-ict", "finma-resilience", "nist-test"],
  general: ["finma-ict", "iso-8.20"],
};

/** Title keywords used only when a finding carries no known `kind` (older engines, hand-written lint). */
const KEYWORDS: [RegExp, TFindingKind][] = [
  [/not equivalent|differs?|allows? .* (that|which) NSX (denies|drops)|mismatch/i, "not-equivalent"],
  [/default (rule )?allow|default action allow/i, "default-allow"],
  [/\bany\b.*\bany\b|broad|permissive|too wide/i, "overly-permissive"],
  [/telnet|ftp\b|tftp|smbv1|insecure|clear-?text|http\b/i, "insecure-service"],
  [/logg?ing/i, "logging-disabled"],
  [/shadow|unreachable|never matches|redundant/i, "shadowed-rule"],
  [/unresolved|unknown (group|path|service)|missing reference/i, "unresolved-reference"],
  [/not translat|untranslat|unsupported|L7|context profile/i, "not-translatable"],
];

export function findingKind(f: Pick<TFinding, "kind" | "title">): TFindingKind {
  if (f.kind && (FINDING_KINDS as readonly string[]).includes(f.kind)) return f.kind as TFindingKind;
  return KEYWORDS.find(([re]) => re.test(f.title))?.[1] ?? "general";
}

export function controlsForSection(section: TReportSection): TControl[] {
  return SECTION_CONTROLS[section].map(control);
}

export function controlsForFinding(f: Pick<TFinding, "kind" | "title">): TControl[] {
  return KIND_CONTROLS[findingKind(f)].map(control);
}

export function controlLabel(c: TControl): string {
  return `${c.framework} ${c.ref}`;
}
