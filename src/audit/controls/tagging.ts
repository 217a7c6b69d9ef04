/**
 * Which controls each report section and each finding kind gives evidence for. Data, not logic: the PDF and
 * the bundle print these tags next to every section and finding, and the control mapping table lists them.
 * A tag means "this evidence supports the control", never "the control is met".
 */
import type { TFinding } from "../snapshot-model.ts";
import { control, controlLabel, type TControl, type TControlId } from "./catalogue.ts";

export { controlLabel };

export const REPORT_SECTIONS = ["summary", "findings", "differences", "traceability", "controls", "approvals", "integrity"] as const;
export type TReportSection = (typeof REPORT_SECTIONS)[number];

export const SECTION_TITLES: Record<TReportSection, string> = {
  summary: "Executive summary",
  findings: "Findings",
  differences: "Differences by finding",
  traceability: "Rule-by-rule traceability",
  controls: "Control mapping",
  approvals: "Approvals",
  integrity: "Appendix: hashes and signature",
};

const SECTION_CONTROLS: Record<TReportSection, TControlId[]> = {
  // The verdict on page 1: the new rule set tested against the old, segregation kept.
  summary: ["finma-ict", "iso-a.8.20", "iso-a.8.22", "nist-5.3"],
  findings: ["finma-cyber", "iso-a.8.20", "pci-1.2.1", "nist-4"],
  differences: ["finma-cyber", "iso-a.8.22", "nist-5.3"],
  traceability: ["pci-1.2.5", "pci-1.2.1", "iso-a.8.20"],
  controls: [],
  approvals: ["iso-a.8.32", "iso-a.5.3", "pci-1.2.2", "finma-ict", "nist-5.5"],
  // Integrity of the record itself: protection of records and tamper-evident configuration files, nothing more.
  integrity: ["iso-a.5.33", "pci-1.2.8"],
};

export const FINDING_KINDS = [
  "not-equivalent",
  "default-allow",
  "overly-permissive",
  "insecure-service",
  "logging",
  "shadowed-rule",
  "unresolved-reference",
  "not-translatable",
  "general",
] as const;
export type TFindingKind = (typeof FINDING_KINDS)[number];

const KIND_CONTROLS: Record<TFindingKind, TControlId[]> = {
  "not-equivalent": ["finma-cyber", "iso-a.8.22", "pci-1.2.1", "nist-5.3"],
  "default-allow": ["pci-1.3.1", "pci-1.3.2", "iso-a.8.22", "nist-4"],
  "overly-permissive": ["pci-1.2.5", "pci-1.3.1", "pci-1.3.2", "iso-a.8.22", "nist-4"],
  "insecure-service": ["pci-1.2.6", "iso-a.8.21"],
  logging: ["iso-a.8.15"],
  "shadowed-rule": ["pci-1.2.7", "nist-5.5"],
  "unresolved-reference": ["pci-1.2.1", "nist-5.3"],
  "not-translatable": ["finma-ict", "iso-a.8.20", "nist-5.3"],
  general: ["iso-a.8.20"],
};

/** Kinds of the translation's finding codes (src/translate/findings/catalogue.ts) and of the lint items. */
const CODE_KINDS: Record<string, TFindingKind> = {
  "logging-granularity": "logging",
  "disabled-rules": "shadowed-rule",
  "estate-problem": "unresolved-reference",
  "unsupported-member-type": "not-translatable",
  "lint-shadowed": "shadowed-rule",
  "lint-redundant": "shadowed-rule",
  "lint-disabled": "shadowed-rule",
  "lint-empty-group": "unresolved-reference",
  "lint-unknown-reference": "unresolved-reference",
  "default-allow": "default-allow",
};

/** Title keywords used only when a finding carries no known `kind` or `code` (older engines, hand-written lint). */
const KEYWORDS: [RegExp, TFindingKind][] = [
  [/not equivalent|differs?|allows? .* (that|which) NSX (denies|drops)|mismatch/i, "not-equivalent"],
  [/default (rule )?allow|default action allow/i, "default-allow"],
  [/\bany\b.*\bany\b|broad|permissive|too wide/i, "overly-permissive"],
  [/telnet|ftp\b|tftp|smbv1|insecure|clear-?text|http\b/i, "insecure-service"],
  [/logg?ing/i, "logging"],
  [/shadow|unreachable|never matches|redundant|disabled/i, "shadowed-rule"],
  [/unresolved|unknown (group|path|service)|missing reference|broken reference/i, "unresolved-reference"],
  [/not (be )?carried|not translat|untranslat|unsupported|L7|context profile|becomes/i, "not-translatable"],
];

export function findingKind(f: Pick<TFinding, "kind" | "title"> & { code?: unknown }): TFindingKind {
  if (f.kind && (FINDING_KINDS as readonly string[]).includes(f.kind)) return f.kind as TFindingKind;
  if (f.kind === "logging-disabled") return "logging"; // the kind's name before issue 13
  for (const key of [f.kind, typeof f.code === "string" ? f.code : undefined]) if (key && CODE_KINDS[key]) return CODE_KINDS[key];
  return KEYWORDS.find(([re]) => re.test(f.title))?.[1] ?? "general";
}

export function controlsForSection(section: TReportSection): TControl[] {
  return SECTION_CONTROLS[section].map(control);
}

export function controlsForFinding(f: Pick<TFinding, "kind" | "title"> & { code?: unknown }): TControl[] {
  return KIND_CONTROLS[findingKind(f)].map(control);
}
