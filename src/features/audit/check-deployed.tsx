"use client";
/**
 * Deployed-state check (PCI DSS 1.2.8): upload what the cluster runs and prove it is the policy of a sealed
 * snapshot. The engine compares them semantically; the result is sealed as a new snapshot linked to it.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "../../trpc/client.tsx";
import { Badge, ErrorAlert } from "../../ui/components.tsx";
import type { TSnapshot } from "./snapshot-format.ts";

const KUBECTL =
  "kubectl get adminnetworkpolicies,baselineadminnetworkpolicies,clusternetworkpolicies,networkpolicies,namespaces,virtualmachines -A -o yaml > cluster.yaml";

export function CheckDeployed({ estateId, snapshots }: { estateId: string; snapshots: TSnapshot[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const candidates = snapshots.filter((s) => s.parts.some((p) => p.part === "manifests" && p.provided) && !s.deployment);
  const [snapshotId, setSnapshotId] = useState(candidates[0]?.id ?? "");
  const [file, setFile] = useState<File | null>(null);
  const check = useMutation(
    trpc.snapshots.checkDeployed.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.snapshots.list.queryKey({ estateId }) }),
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file || !snapshotId) return;
    const form = new FormData();
    form.set("estateId", estateId);
    form.set("snapshotId", snapshotId);
    form.set("cluster", file, file.name);
    check.mutate(form);
  };
  if (candidates.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="check-deployed-heading">
      <h2 id="check-deployed-heading">Check what the cluster runs</h2>
      <p className="muted" style={{ margin: 0 }}>
        Export the cluster&apos;s policies and VMs with <code>{KUBECTL}</code>, upload the file, and Parity proves on its engine that the
        cluster enforces exactly the snapshot&apos;s manifests (or lists every difference). The result is sealed as a new snapshot linked to
        the one checked.
      </p>
      <form onSubmit={submit} className="row">
        <div>
          <label htmlFor="check-snapshot">Snapshot</label>
          <select id="check-snapshot" value={snapshotId} onChange={(e) => setSnapshotId(e.target.value)}>
            {candidates.map((s) => (
              <option key={s.id} value={s.id}>
                #{s.sequence}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="cluster-file">Cluster export (YAML)</label>
          <input id="cluster-file" type="file" accept=".yaml,.yml,.json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <button type="submit" className="btn" disabled={!file || !snapshotId || check.isPending}>
          {check.isPending ? "Comparing…" : "Check and seal"}
        </button>
      </form>
      <div aria-live="polite">
        {check.error ? <ErrorAlert error={check.error} /> : null}
        {check.data ? (
          <div className="stack" style={{ gap: 4 }} data-testid="deployed-result">
            <div>
              <Badge tone={check.data.equivalent ? "ok" : "bad"}>{check.data.equivalent ? "matches" : "drifted"}</Badge>{" "}
              {check.data.summary}; sealed as snapshot #{check.data.sequence}.
            </div>
            {check.data.comparison.differences.length > 0 ? (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {check.data.comparison.differences.slice(0, 20).map((d, i) => (
                  <li key={i} className="mono">
                    {d.src} → {d.dst}: only in snapshot {d.onlyInSnapshot}; only in cluster {d.onlyInCluster}
                  </li>
                ))}
              </ul>
            ) : null}
            {[
              ...check.data.comparison.onlyInSnapshot.map((id) => `missing from the cluster: ${id}`),
              ...check.data.comparison.onlyInCluster.map((id) => `not in the snapshot: ${id}`),
            ]
              .slice(0, 20)
              .map((line) => (
                <div key={line} className="mono">
                  {line}
                </div>
              ))}
          </div>
        ) : null}
      </div>
    </section>
  );
}
