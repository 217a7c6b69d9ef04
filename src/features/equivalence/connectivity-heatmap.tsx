"use client";
/** Connectivity between applications (by the app tag): a heatmap of where the sides differ, or a table. */
import { useState } from "react";
import type { THeatmapCell, TVerificationResult } from "../../server/services/verification.ts";
import { DataTable } from "../../ui/data-table.tsx";

const STATE_LABEL: Record<THeatmapCell["state"], string> = {
  none: "no traffic on either side",
  same: "same traffic on both sides",
  "nsx-only": "NSX allows more",
  "k8s-only": "Kubernetes allows more",
  mixed: "each side allows something the other does not",
};
const STATE_MARK: Record<THeatmapCell["state"], string> = { none: "", same: "✓", "nsx-only": "N", "k8s-only": "K", mixed: "±" };

export function Heatmap({ heatmap }: { heatmap: TVerificationResult["heatmap"] }) {
  const [asTable, setAsTable] = useState(false);
  const cells = new Map(heatmap.cells.map((c) => [`${c.src}\u0000${c.dst}`, c]));
  const axis = heatmap.axis.slice(0, 40);
  return (
    <section className="card stack" style={{ marginTop: 16 }} aria-labelledby="heatmap-heading" data-testid="heatmap">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 id="heatmap-heading" style={{ margin: 0 }}>
          Connectivity between applications (IPv4, by the <span className="mono">app</span> tag)
        </h2>
        <label className="chip">
          <input type="checkbox" checked={asTable} onChange={(e) => setAsTable(e.target.checked)} /> Show as table
        </label>
      </div>
      <div className="legend" aria-hidden={asTable}>
        <span style={{ ["--swatch" as string]: "#2f7d4f" }}>✓ same on both sides</span>
        <span style={{ ["--swatch" as string]: "#b3261e" }}>N only NSX allows some</span>
        <span style={{ ["--swatch" as string]: "#8a5300" }}>K only Kubernetes allows some</span>
        <span style={{ ["--swatch" as string]: "#5b3a9b" }}>± both</span>
        <span style={{ ["--swatch" as string]: "#eef2f7" }}>no traffic</span>
      </div>
      {asTable ? (
        <DataTable
          rows={heatmap.cells}
          rowKey={(c) => `${c.src}-${c.dst}`}
          columns={[
            { header: "From", cell: (c) => c.src },
            { header: "To", cell: (c) => c.dst },
            { header: "NSX allows", className: "mono", cell: (c) => c.nsx },
            { header: "Kubernetes allows", className: "mono", cell: (c) => c.k8s },
            { header: "Comparison", cell: (c) => STATE_LABEL[c.state] },
          ]}
        />
      ) : (
        <div style={{ overflowX: "auto" }}>
          <table className="heatmap">
            <caption className="sr-only">
              Rows: source application; columns: destination application. Switch to the table view for the traffic of each pair.
            </caption>
            <thead>
              <tr>
                <th scope="col">from ↓ / to →</th>
                {axis.map((b) => (
                  <th key={b} scope="col" className="col">
                    {b}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {axis.map((a) => (
                <tr key={a}>
                  <th scope="row" style={{ textAlign: "right" }}>
                    {a}
                  </th>
                  {axis.map((b) => {
                    const cell = cells.get(`${a}\u0000${b}`);
                    const state = cell?.state ?? "none";
                    const title = cell
                      ? `${a} → ${b}: ${STATE_LABEL[state]}. NSX: ${cell.nsx}. Kubernetes: ${cell.k8s}.`
                      : `${a} → ${b}: no traffic`;
                    return (
                      <td key={b} className={`hm-${state}`} title={title} aria-label={title}>
                        {STATE_MARK[state]}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {heatmap.axis.length > axis.length ? (
            <p className="muted">First 40 of {heatmap.axis.length} applications; the table view lists all.</p>
          ) : null}
        </div>
      )}
    </section>
  );
}
