"use client";
/** Creating a snapshot: first shows exactly what will be frozen (files, parts, verdict), then seals and signs. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../../trpc/client.tsx";
import { EquivalenceWordBadge } from "../../ui/badges.tsx";
import { Badge, ErrorAlert, LoadingBlock } from "../../ui/components.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { PART_LABELS, shortHash } from "./snapshot-format.ts";

export function CreateSnapshot({ estateId, chainBroken }: { estateId: string; chainBroken: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const preview = useQuery({ ...trpc.snapshots.preview.queryOptions({ estateId }), enabled: open, staleTime: 0 });
  const create = useMutation(
    trpc.snapshots.create.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        await queryClient.invalidateQueries({ queryKey: trpc.snapshots.list.queryKey({ estateId }) });
      },
    }),
  );
  return (
    <section className="card stack" aria-labelledby="create-heading">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 id="create-heading" style={{ margin: 0 }}>
          New snapshot
        </h2>
        {!open ? (
          <button type="button" className="btn" onClick={() => setOpen(true)} disabled={chainBroken}>
            Create snapshot…
          </button>
        ) : null}
      </div>
      {chainBroken ? <p className="muted">Creating snapshots is blocked while the chain is broken.</p> : null}
      {create.data && !open ? (
        <div className="alert ok" role="status">
          Snapshot #{create.data.sequence} sealed and signed · Merkle root <span className="mono">{create.data.merkleRoot}</span>
        </div>
      ) : null}
      {open ? (
        <div className="stack" data-testid="snapshot-preview">
          {preview.isPending ? <LoadingBlock label="Collecting what will be frozen" /> : null}
          {preview.error ? <ErrorAlert error={preview.error} /> : null}
          {preview.data ? (
            <>
              <p style={{ margin: 0 }}>
                Snapshot <strong>#{preview.data.nextSequence}</strong> will freeze estate version {preview.data.estateVersion}
                {preview.data.previousRoot ? (
                  <>
                    {" "}
                    and chain to #{preview.data.nextSequence - 1} (root <span className="mono">{shortHash(preview.data.previousRoot)}</span>
                    )
                  </>
                ) : (
                  " as the first link of this estate's chain"
                )}
                , signed with key <span className="mono">{preview.data.key.fingerprint}</span>. Verdict now:{" "}
                <EquivalenceWordBadge word={preview.data.verdict.word} />
              </p>
              <DataTable
                caption="Raw input files to be frozen"
                rows={preview.data.files}
                rowKey={(f) => f.name}
                columns={[
                  { header: "Input file", className: "mono", cell: (f) => f.name },
                  { header: "Format", cell: (f) => f.format },
                  { header: "Size", cell: (f) => `${f.size.toLocaleString("de-CH")} B` },
                  { header: "SHA-256", className: "mono", cell: (f) => <span title={f.sha256}>{shortHash(f.sha256)}</span> },
                  {
                    header: "Counts",
                    cell: (f) =>
                      f.counts
                        .map((c) => `${c.imported.toLocaleString("de-CH")} of ${c.total.toLocaleString("de-CH")} ${c.kind}`)
                        .join(", ") || "—",
                  },
                ]}
              />
              <ul className="stack" style={{ listStyle: "none", padding: 0, margin: 0, gap: 4 }}>
                {preview.data.parts.map((p) => (
                  <li key={p.part}>
                    {p.provided ? <Badge tone="ok">frozen</Badge> : <Badge tone="warn">not provided</Badge>} {PART_LABELS[p.part] ?? p.part}
                    {p.part === "policy" && p.provided && preview.data.rules !== null
                      ? ` (${preview.data.rules.toLocaleString("de-CH")} rules)`
                      : ""}
                    {p.part === "engine" && preview.data.engine ? (
                      <span className="muted">
                        {" "}
                        — {preview.data.engine.version}, <span className="mono">{preview.data.engine.semanticsDigest.slice(0, 23)}…</span>
                      </span>
                    ) : null}
                    {p.reason ? <span className="muted"> — {p.reason}</span> : null}
                  </li>
                ))}
              </ul>
              <p className="muted" style={{ margin: 0 }}>
                Parts not provided are sealed as such, with the reason: the report says so instead of showing an invented result. Once
                sealed, nothing can change it.
              </p>
              <div className="row">
                <button type="button" className="btn" disabled={create.isPending} onClick={() => create.mutate({ estateId })}>
                  {create.isPending ? "Sealing and signing…" : `Seal and sign snapshot #${preview.data.nextSequence}`}
                </button>
                <button type="button" className="btn secondary" disabled={create.isPending} onClick={() => setOpen(false)}>
                  Cancel
                </button>
              </div>
            </>
          ) : null}
          {create.error ? <ErrorAlert error={create.error} /> : null}
        </div>
      ) : null}
    </section>
  );
}
