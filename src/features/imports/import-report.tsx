"use client";
/** An import report: counts, files with their detected formats, errors (file + place), unresolved references, warnings. */
import type { ImportReport } from "../../ingest/types.ts";
import { Badge } from "../../ui/components.tsx";

const COUNT_LABELS: [keyof ImportReport["counts"], string][] = [
  ["rules", "rules"],
  ["policies", "policies"],
  ["groups", "groups"],
  ["services", "services"],
  ["vms", "VMs"],
  ["tags", "tags"],
  ["segments", "segments"],
];

export function ImportReportView({ report }: { report: ImportReport }) {
  return (
    <div className="stack" data-testid="import-report">
      {report.errors.length > 0 ? (
        <div className="alert error" role="alert">
          <strong>{report.errors.length} error{report.errors.length === 1 ? "" : "s"}: nothing was imported.</strong> Fix the files below and upload them again.
        </div>
      ) : (
        <div className="alert ok" role="status">
          Imported. Default rule: <strong>{report.defaultAction}</strong>.
        </div>
      )}
      <div className="grid cols-4">
        {COUNT_LABELS.map(([key, label]) => (
          <div key={key}>
            <div className="stat">{(report.counts?.[key] ?? 0).toLocaleString("en")}</div>
            <div className="stat-label">{label}</div>
          </div>
        ))}
      </div>
      <div>
        <h3>Files</h3>
        <table className="data">
          <thead>
            <tr>
              <th>File</th>
              <th>Detected format</th>
              <th>Size</th>
              <th>Contributed</th>
            </tr>
          </thead>
          <tbody>
            {report.files.map((file) => (
              <tr key={file.name}>
                <td className="mono">{file.name}</td>
                <td>
                  <Badge tone="info">{file.format}</Badge>
                </td>
                <td>{(file.size / 1024).toFixed(1)} KiB</td>
                <td>
                  {Object.entries(file.counts)
                    .filter(([, n]) => (n ?? 0) > 0)
                    .map(([k, n]) => `${n} ${k}`)
                    .join(", ") || "–"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.errors.length > 0 ? (
        <div>
          <h3>Errors</h3>
          <table className="data" data-testid="import-errors">
            <thead>
              <tr>
                <th>File</th>
                <th>Where</th>
                <th>Problem</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((e, i) => (
                <tr key={i}>
                  <td className="mono">{e.file}</td>
                  <td className="where">{e.where || "–"}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <details open={report.unresolved.length > 0 && report.unresolved.length <= 20}>
        <summary>
          <strong>Unresolved references ({report.unresolved.length})</strong>
        </summary>
        {report.unresolved.length === 0 ? (
          <p className="muted">Every reference resolved.</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>Kind</th>
                <th>Reference</th>
                <th>File · where</th>
                <th>Why</th>
              </tr>
            </thead>
            <tbody>
              {report.unresolved.map((u, i) => (
                <tr key={i}>
                  <td>
                    <Badge tone="warn">{u.kind}</Badge>
                  </td>
                  <td className="mono">{u.ref}</td>
                  <td>
                    <span className="mono">{u.file}</span> <span className="where">{u.where}</span>
                  </td>
                  <td>{u.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
      <details>
        <summary>
          <strong>Warnings ({report.warnings.length})</strong>
        </summary>
        {report.warnings.length === 0 ? (
          <p className="muted">No warnings.</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>Code</th>
                <th>File · where</th>
                <th>Message</th>
              </tr>
            </thead>
            <tbody>
              {report.warnings.map((w, i) => (
                <tr key={i}>
                  <td>
                    <Badge>{w.code}</Badge>
                  </td>
                  <td>
                    <span className="mono">{w.file}</span> <span className="where">{w.where}</span>
                  </td>
                  <td>{w.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
      {report.builtInServicesUsed.length > 0 ? (
        <p className="muted">Built-in NSX services used (not in the export): {report.builtInServicesUsed.join(", ")}</p>
      ) : null}
    </div>
  );
}
