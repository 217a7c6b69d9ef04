"use client";
/** The result of `parity snapshot verify` as a table: every named check with OK / FAIL / SKIP. */
import { Badge } from "../../ui/components.tsx";

export interface TCheckView {
  name: string;
  ok: boolean;
  detail: string;
  skipped?: boolean;
}

export function VerificationResult({
  title,
  ok,
  checks,
  merkleRoot,
}: {
  title: string;
  ok: boolean;
  checks: TCheckView[];
  merkleRoot: string | null;
}) {
  const failed = checks.filter((c) => !c.ok).length;
  return (
    <div className="stack" data-testid="verification-result">
      <div className={`alert ${ok ? "ok" : "error"}`} role={ok ? "status" : "alert"}>
        <strong>{ok ? "OK" : "FAILED"}</strong> — {title}:{" "}
        {ok ? `all ${checks.length} checks passed` : `${failed} of ${checks.length} checks failed`}
        {merkleRoot ? (
          <>
            {" "}
            · Merkle root <span className="mono">{merkleRoot}</span>
          </>
        ) : null}
      </div>
      <table className="data">
        <caption className="sr-only">{title}: verification checks</caption>
        <thead>
          <tr>
            <th scope="col">Result</th>
            <th scope="col">Check</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((c, i) => (
            <tr key={`${c.name}-${i}`}>
              <td>{c.ok ? c.skipped ? <Badge>SKIP</Badge> : <Badge tone="ok">OK</Badge> : <Badge tone="bad">FAIL</Badge>}</td>
              <td>{c.name}</td>
              <td className="mono" style={{ wordBreak: "break-all" }}>
                {c.detail}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
