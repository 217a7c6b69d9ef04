/** A big figure with its label underneath (summary cards). Numbers are grouped in English style. */
import type { ReactNode } from "react";

export function Stat({ value, label }: { value: number | ReactNode; label: string }) {
  return (
    <div>
      <div className="stat">{typeof value === "number" ? value.toLocaleString("en") : value}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}
