/** Shared formatting and colours of the scorecard views. */
import type { TScorecard } from "../../scorecard/scorecard.ts";
import type { TPlatformId } from "../../scorecard/platforms.ts";

/** Distinct, colour-blind-friendly (Okabe–Ito) platform colours, AA contrast on white for text use. */
export const PLATFORM_COLORS: Record<TPlatformId, string> = {
  "vmware-nsx": "#555555",
  ove: "#c0392b",
  "azure-local": "#0072b2",
  "swisscom-esc": "#009e73",
};

const GROUP_HUES: Record<string, number> = { "security-policy": 212, network: 150, operations: 32, "strategy-compliance": 280 };

/** Criterion colours: hue by group, lightness stepped within the group, so stacked bars read by group. */
export function criterionColors(s: TScorecard): Record<string, string> {
  const seen: Record<string, number> = {};
  const colors: Record<string, string> = {};
  for (const c of s.criteria) {
    const i = (seen[c.group] = (seen[c.group] ?? -1) + 1);
    colors[c.id] = `hsl(${GROUP_HUES[c.group] ?? 0} ${55 + (i % 2) * 15}% ${30 + i * 9}%)`;
  }
  return colors;
}

export const GROUP_LABELS: Record<string, string> = {
  "security-policy": "Security policy",
  network: "Network",
  operations: "Operations",
  "strategy-compliance": "Strategy & compliance",
};

export const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)} %`;
export const num = (x: number, digits = 2) => x.toFixed(digits);
export const intl = (x: number) => x.toLocaleString("de-CH");

export function platformName(s: TScorecard, id: string, short = false): string {
  const p = s.platforms.find((x) => x.id === id);
  return p ? (short ? p.shortName : p.name) : id;
}

export function criterionName(s: TScorecard, id: string): string {
  return s.criteria.find((c) => c.id === id)?.name ?? id;
}

export const EVIDENCE_LABELS = {
  tested: "tested",
  documented: "documented",
  "vendor-claim": "vendor claim",
  assumption: "assumption",
} as const;
export const EVIDENCE_TONES = { tested: "ok", documented: "info", "vendor-claim": "warn", assumption: "bad" } as const;
