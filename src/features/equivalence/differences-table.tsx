"use client";
/**
 * The differing flow classes, filterable by whether a finding explains them and by address family, each
 * with an example flow, both sides' deciding rules and (on demand) both traces. The server sends a window at
 * a time (`equivalence.differences`): the stored differences with their traces are most of a verification.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import type { TVerificationOverview } from "../../server/services/verification.ts";
import { useTRPC } from "../../trpc/client.tsx";
import { Badge, EmptyState, ErrorAlert } from "../../ui/components.tsx";
import { decidingRule, Trace } from "./flow-trace.tsx";

const PAGE = 25;

export function Differences({
  estateId,
  verificationId,
  result,
}: {
  estateId: string;
  verificationId: string;
  result: TVerificationOverview;
}) {
  const trpc = useTRPC();
  const [open, setOpen] = useState<number | null>(0);
  const [status, setStatus] = useState<"all" | "unexplained" | "explained-by-finding">("all");
  const [family, setFamily] = useState<"all" | "4" | "6">("all");
  const [offset, setOffset] = useState(0);
  const window = useQuery({
    ...trpc.equivalence.differences.queryOptions({ estateId, verificationId, status, family, offset, limit: PAGE }),
    enabled: result.listedDifferences > 0,
    placeholderData: keepPreviousData,
  });
  const shown = window.data?.items ?? [];
  const total = window.data?.total ?? 0;
  return (
    <section className="card stack" style={{ marginTop: 16 }} aria-labelledby="diff-heading">
      <h2 id="diff-heading">Differences</h2>
      {result.listedDifferences > 0 && result.differenceCount > result.listedDifferences ? (
        <p className="muted" style={{ margin: 0 }}>
          Listing {result.listedDifferences} of {result.differenceCount.toLocaleString("en")} differences, those no finding explains first.
        </p>
      ) : null}
      {window.error ? <ErrorAlert error={window.error} /> : null}
      {result.listedDifferences > 0 ? (
        <div className="row">
          <div className="field" style={{ margin: 0 }}>
            <label htmlFor="diff-status">Status</label>
            <select
              id="diff-status"
              value={status}
              onChange={(e) => {
                setStatus(e.target.value as typeof status);
                setOffset(0);
                setOpen(null);
              }}
            >
              <option value="all">All</option>
              <option value="unexplained">Not explained by a finding</option>
              <option value="explained-by-finding">Explained by a finding</option>
            </select>
          </div>
          <div className="field" style={{ margin: 0 }}>
            <label htmlFor="diff-family">Address family</label>
            <select
              id="diff-family"
              value={family}
              onChange={(e) => {
                setFamily(e.target.value as typeof family);
                setOffset(0);
                setOpen(null);
              }}
            >
              <option value="all">IPv4 and IPv6</option>
              <option value="4">IPv4</option>
              <option value="6">IPv6</option>
            </select>
          </div>
          <span className="muted" role="status">
            {total === 0 ? "none" : `${offset + 1}–${offset + shown.length} of ${total}`} shown
          </span>
        </div>
      ) : null}
      {result.listedDifferences === 0 ? (
        <EmptyState title="No differences">
          Both sides allow exactly the same flows. Use the query below to trace any flow on both sides.
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data" data-testid="differences">
            <thead>
              <tr>
                <th>Flow class (source → destination)</th>
                <th>Only NSX allows</th>
                <th>Only Kubernetes allows</th>
                <th>Example</th>
                <th>NSX decided by</th>
                <th>Kubernetes decided by</th>
                <th>Status</th>
                <th>
                  <span className="sr-only">Traces</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((d, i) => (
                <Fragment key={i}>
                  <tr>
                    <td>
                      {d.src.names.join(", ")}
                      {d.src.total > d.src.names.length ? ` … (${d.src.total})` : ""} → {d.dst.names.join(", ")}
                      {d.dst.total > d.dst.names.length ? ` … (${d.dst.total})` : ""} <Badge>IPv{d.family}</Badge>
                    </td>
                    <td className="mono">{d.nsxOnly === "No Connections" ? "–" : d.nsxOnly}</td>
                    <td className="mono">{d.k8sOnly === "No Connections" ? "–" : d.k8sOnly}</td>
                    <td>
                      {d.example.src} → {d.example.dst} <span className="mono">{d.example.flowText}</span>
                    </td>
                    <td>{decidingRule(d.nsx)}</td>
                    <td>{decidingRule(d.k8s)}</td>
                    <td>
                      {d.status === "unexplained" ? (
                        <Badge tone="bad">unexplained</Badge>
                      ) : (
                        <Badge tone="info">finding {d.findingIds.join(", ")}</Badge>
                      )}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="btn secondary"
                        aria-expanded={open === i}
                        onClick={() => setOpen(open === i ? null : i)}
                      >
                        {open === i ? "Hide traces" : "Traces"}
                      </button>
                    </td>
                  </tr>
                  {open === i ? (
                    <tr>
                      <td colSpan={8}>
                        <div className="grid cols-2">
                          <Trace result={d.nsx} title={`NSX: ${d.example.src} → ${d.example.dst}`} />
                          <Trace result={d.k8s} title={`Kubernetes: ${d.example.k8sSrc} → ${d.example.k8sDst}`} />
                        </div>
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
          {total > PAGE ? (
            <div className="row" style={{ marginTop: 8 }}>
              <button
                type="button"
                className="btn secondary"
                disabled={offset === 0}
                onClick={() => {
                  setOffset(Math.max(0, offset - PAGE));
                  setOpen(null);
                }}
              >
                Previous {PAGE}
              </button>
              <button
                type="button"
                className="btn secondary"
                disabled={offset + PAGE >= total}
                onClick={() => {
                  setOffset(offset + PAGE);
                  setOpen(null);
                }}
              >
                Next {PAGE}
              </button>
            </div>
          ) : null}
        </div>
      )}
    </section>
  );
}
