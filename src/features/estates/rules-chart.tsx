"use client";
/** Rules by DFW category, stacked by action (recharts), with the numbers also given as text for screen readers. */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface TCategoryCounts {
  category: string;
  ALLOW: number;
  DROP: number;
  REJECT: number;
  JUMP_TO_APPLICATION: number;
  disabled: number;
}

const SERIES = [
  { key: "ALLOW", label: "Allow", color: "#2f7d4f" },
  { key: "DROP", label: "Drop", color: "#b3261e" },
  { key: "REJECT", label: "Reject", color: "#c77700" },
  { key: "JUMP_TO_APPLICATION", label: "Jump to Application", color: "#0b5cad" },
  { key: "disabled", label: "Disabled", color: "#9aa7b6" },
] as const;

export function RulesByCategoryChart({ data, height = 190 }: { data: TCategoryCounts[]; height?: number }) {
  const shown = data.filter((d) => SERIES.some((s) => d[s.key] > 0));
  const description = shown
    .map(
      (d) =>
        `${d.category}: ${SERIES.filter((s) => d[s.key] > 0)
          .map((s) => `${d[s.key]} ${s.label.toLowerCase()}`)
          .join(", ")}`,
    )
    .join("; ");
  return (
    <figure style={{ margin: 0 }}>
      <div role="img" aria-label={`Rules by category and action. ${description}`}>
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={shown} layout="vertical" margin={{ left: 8, right: 12, top: 4, bottom: 4 }}>
            <CartesianGrid horizontal={false} stroke="#e3e8ef" />
            <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11, fill: "#4a5a6e" }} />
            <YAxis type="category" dataKey="category" width={96} tick={{ fontSize: 11.5, fill: "#14202e" }} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 11.5 }} formatter={(value: string) => <span style={{ color: "#14202e" }}>{value}</span>} />
            {SERIES.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} stackId="a" fill={s.color} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">{description}</figcaption>
    </figure>
  );
}
