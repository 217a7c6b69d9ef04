/** Finding severities: one tone per severity and the compact "3 high · 1 low" counts. */
import { Badge } from "./components.tsx";

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;

export const SEVERITY_TONE: Record<string, "bad" | "warn" | "info" | "neutral"> = {
  critical: "bad",
  high: "bad",
  medium: "warn",
  low: "info",
  info: "neutral",
};

export function SeverityBadge({ severity }: { severity: string }) {
  return <Badge tone={SEVERITY_TONE[severity]}>{severity}</Badge>;
}

export function SeverityCounts({ counts }: { counts: Record<string, number> | undefined }) {
  const entries = SEVERITIES.filter((s) => (counts?.[s] ?? 0) > 0);
  if (entries.length === 0) return <span className="muted">no findings</span>;
  return (
    <span className="row" style={{ gap: 6 }}>
      {entries.map((s) => (
        <Badge key={s} tone={SEVERITY_TONE[s]}>
          {counts![s]} {s}
        </Badge>
      ))}
    </span>
  );
}
