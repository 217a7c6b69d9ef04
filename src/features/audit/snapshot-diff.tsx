"use client";
/** Semantic diff between two snapshots: rules (fast) and VM-to-VM connections (exact, computed on request). */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../../trpc/client.tsx";
import { Badge, EmptyState, ErrorAlert, LoadingBlock } from "../../ui/components.tsx";

interface TSnapshotChoice {
  id: string;
  sequence: number;
}

export function SnapshotDiff({ estateId, snapshots }: { estateId: string; snapshots: TSnapshotChoice[] }) {
  const [fromId, setFromId] = useState(snapshots[1]?.id ?? "");
  const [toId, setToId] = useState(snapshots[0]?.id ?? "");
  const [withConnections, setWithConnections] = useState(false);
  if (snapshots.length < 2) {
    return <EmptyState title="Nothing to compare yet">A semantic diff needs two snapshots of this estate.</EmptyState>;
  }
  const valid = fromId !== "" && toId !== "" && fromId !== toId;
  return (
    <div className="stack">
      <div className="row" style={{ alignItems: "flex-end" }}>
        <div>
          <label htmlFor="diff-from">Earlier snapshot</label>
          <select id="diff-from" value={fromId} onChange={(e) => setFromId(e.target.value)}>
            {snapshots.map((s) => (
              <option key={s.id} value={s.id}>
                #{s.sequence}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="diff-to">Later snapshot</label>
          <select id="diff-to" value={toId} onChange={(e) => setToId(e.target.value)}>
            {snapshots.map((s) => (
              <option key={s.id} value={s.id}>
                #{s.sequence}
              </option>
            ))}
          </select>
        </div>
      </div>
      {!valid ? <p className="muted">Choose two different snapshots.</p> : <RulesDiff estateId={estateId} fromId={fromId} toId={toId} />}
      {valid ? (
        withConnections ? (
          <ConnectionsDiff estateId={estateId} fromId={fromId} toId={toId} />
        ) : (
          <div>
            <button type="button" className="btn secondary" onClick={() => setWithConnections(true)}>
              Compare connections (exact, may take a while)
            </button>
          </div>
        )
      ) : null}
    </div>
  );
}

function Count({ label, total, tone }: { label: string; total: number; tone: "ok" | "bad" | "warn" }) {
  return (
    <Badge tone={total === 0 ? "neutral" : tone}>
      {total.toLocaleString("de-CH")} {label}
    </Badge>
  );
}

function RulesDiff({ estateId, fromId, toId }: { estateId: string; fromId: string; toId: string }) {
  const trpc = useTRPC();
  const diff = useQuery(trpc.snapshots.diff.queryOptions({ estateId, fromId, toId }));
  if (diff.isPending) return <LoadingBlock label="Comparing rules" />;
  if (diff.error) return <ErrorAlert error={diff.error} />;
  const { rules, from, to } = diff.data;
  return (
    <section aria-labelledby="rules-diff-heading" className="stack" data-testid="rules-diff">
      <h3 id="rules-diff-heading">
        Rules: #{from.sequence} → #{to.sequence}
      </h3>
      {!rules.available ? (
        <div className="alert info">Not available: {rules.reason}</div>
      ) : (
        <>
          <div className="row">
            <Count label="added" total={rules.added.total} tone="ok" />
            <Count label="removed" total={rules.removed.total} tone="bad" />
            <Count label="changed" total={rules.changed.total} tone="warn" />
          </div>
          {rules.added.total + rules.removed.total + rules.changed.total === 0 ? (
            <p className="muted">The rule sets are identical (ids, order, fields and resolved membership).</p>
          ) : null}
          {[
            ["Added", rules.added],
            ["Removed", rules.removed],
          ].map(([title, list]) => {
            const l = list as typeof rules.added;
            return l.total > 0 ? (
              <details key={title as string}>
                <summary>
                  {title as string} ({l.total}
                  {l.items.length < l.total ? `, first ${l.items.length} shown` : ""})
                </summary>
                <table className="data">
                  <thead>
                    <tr>
                      <th scope="col">Rule id</th>
                      <th scope="col">Name</th>
                      <th scope="col">Policy</th>
                      <th scope="col">Category</th>
                      <th scope="col">Action</th>
                    </tr>
                  </thead>
                  <tbody>
                    {l.items.map((r) => (
                      <tr key={r.id}>
                        <td className="mono">{r.id}</td>
                        <td>{r.name}</td>
                        <td>{r.policyName}</td>
                        <td>{r.category}</td>
                        <td>{r.action}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            ) : null;
          })}
          {rules.changed.total > 0 ? (
            <details>
              <summary>Changed ({rules.changed.total})</summary>
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">Rule id</th>
                    <th scope="col">Field</th>
                    <th scope="col">Before</th>
                    <th scope="col">After</th>
                  </tr>
                </thead>
                <tbody>
                  {rules.changed.items.flatMap((c) =>
                    c.changes.map((f) => (
                      <tr key={`${c.id}-${f.field}`}>
                        <td className="mono">{c.id}</td>
                        <td>{f.field}</td>
                        <td className="mono" style={{ wordBreak: "break-all" }}>
                          {f.before}
                        </td>
                        <td className="mono" style={{ wordBreak: "break-all" }}>
                          {f.after}
                        </td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </details>
          ) : null}
        </>
      )}
    </section>
  );
}

function ConnectionsDiff({ estateId, fromId, toId }: { estateId: string; fromId: string; toId: string }) {
  const trpc = useTRPC();
  const diff = useQuery({ ...trpc.snapshots.diffConnections.queryOptions({ estateId, fromId, toId }), staleTime: Infinity });
  if (diff.isPending) return <LoadingBlock label="Computing exact connectivity of both snapshots" />;
  if (diff.error) return <ErrorAlert error={diff.error} />;
  const d = diff.data;
  return (
    <section aria-labelledby="conn-diff-heading" className="stack" data-testid="connections-diff">
      <h3 id="conn-diff-heading">Connections</h3>
      <p className="muted">{d.note}</p>
      {!d.available ? (
        <div className="alert info">Not available: {d.reason}</div>
      ) : (
        <>
          <div className="row">
            <Count label="added" total={d.added.total} tone="ok" />
            <Count label="removed" total={d.removed.total} tone="bad" />
            <Count label="changed" total={d.changed.total} tone="warn" />
          </div>
          {d.samePolicy ? (
            <p className="muted">Both snapshots froze the same policy (equal SHA-256), so their connectivity is identical.</p>
          ) : null}
          {d.added.total + d.removed.total + d.changed.total > 0 ? (
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Change</th>
                  <th scope="col">Source</th>
                  <th scope="col">Destination</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {d.added.items.map((c) => (
                  <tr key={`a-${c.src}-${c.dst}`}>
                    <td>
                      <Badge tone="ok">added</Badge>
                    </td>
                    <td>{c.src}</td>
                    <td>{c.dst}</td>
                    <td className="muted">—</td>
                    <td className="mono">{c.conns}</td>
                  </tr>
                ))}
                {d.removed.items.map((c) => (
                  <tr key={`r-${c.src}-${c.dst}`}>
                    <td>
                      <Badge tone="bad">removed</Badge>
                    </td>
                    <td>{c.src}</td>
                    <td>{c.dst}</td>
                    <td className="mono">{c.conns}</td>
                    <td className="muted">—</td>
                  </tr>
                ))}
                {d.changed.items.map((c) => (
                  <tr key={`c-${c.src}-${c.dst}`}>
                    <td>
                      <Badge tone="warn">changed</Badge>
                    </td>
                    <td>{c.src}</td>
                    <td>{c.dst}</td>
                    <td className="mono">{c.before}</td>
                    <td className="mono">{c.after}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      )}
    </section>
  );
}
