"use client";
/** One emitted object: the NSX rules it carries (first 50) and its YAML. */
import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "../../server/api/root.ts";
import { useTRPC } from "../../trpc/client.tsx";
import { ActionBadge } from "../../ui/badges.tsx";
import { ErrorAlert, LoadingBlock } from "../../ui/components.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { YamlView } from "./yaml-view.tsx";

export type TEmittedObject = inferRouterOutputs<AppRouter>["translations"]["objects"][number];

export function ObjectDetail({ estateId, translationId, selected }: { estateId: string; translationId: string; selected: TEmittedObject }) {
  const trpc = useTRPC();
  const file = useQuery(trpc.translations.file.queryOptions({ estateId, translationId, path: selected.path }));
  const ruleIds = selected.ruleIds.slice(0, 50);
  const rules = useQuery({
    ...trpc.rules.page.queryOptions({ estateId, ids: ruleIds, offset: 0, limit: 50 }),
    enabled: ruleIds.length > 0,
  });
  return (
    <div className="stack" data-testid="object-detail">
      <div>
        <h3>
          NSX rules carried by {selected.kind} {selected.namespace ? `${selected.namespace}/` : ""}
          {selected.name}
        </h3>
        {selected.ruleIds.length === 0 ? (
          <p className="muted">
            No NSX rule: {selected.kind === "VirtualMachine" ? `labels for VM ${selected.vmName ?? ""}` : "structural object"}.
          </p>
        ) : null}
        {rules.isPending && ruleIds.length > 0 ? <LoadingBlock lines={2} /> : null}
        {rules.data && rules.data.rows.length > 0 ? (
          <DataTable
            rows={rules.data.rows}
            rowKey={(r) => r.position}
            columns={[
              {
                header: "Rule",
                cell: (r) => (
                  <>
                    {r.name} <span className="mono muted">{r.id}</span>
                  </>
                ),
              },
              { header: "Policy", cell: (r) => `${r.category} · ${r.policyName}` },
              {
                header: "Sources → destinations",
                cell: (r) => `${r.sources.map((s) => s.label).join(", ")} → ${r.destinations.map((s) => s.label).join(", ")}`,
              },
              { header: "Services", cell: (r) => r.services.map((s) => s.label).join(", ") },
              { header: "Action", cell: (r) => <ActionBadge action={r.action} disabled={r.disabled} /> },
            ]}
          />
        ) : null}
        {selected.ruleIds.length > ruleIds.length ? (
          <p className="muted">and {selected.ruleIds.length - ruleIds.length} more rule ids</p>
        ) : null}
      </div>
      <div>
        <h3 className="mono">{selected.path}</h3>
        {file.isPending ? <LoadingBlock /> : null}
        {file.error ? <ErrorAlert error={file.error} /> : null}
        {file.data ? <YamlView text={file.data.text} label={`YAML of ${selected.path}`} /> : null}
      </div>
    </div>
  );
}
