"use client";
/** Every emitted Kubernetes object, filterable by kind and searchable, beside the NSX rules it carries and its YAML. */
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTRPC } from "../../trpc/client.tsx";
import { Badge, EmptyState, ErrorAlert, LoadingBlock } from "../../ui/components.tsx";
import { ObjectDetail } from "./object-detail.tsx";

export function ObjectsBrowser({ estateId, translationId }: { estateId: string; translationId: string }) {
  const trpc = useTRPC();
  const objects = useQuery(trpc.translations.objects.queryOptions({ estateId, translationId }));
  const [kind, setKind] = useState("policies");
  const [search, setSearch] = useState("");
  const [selectedPath, setSelectedPath] = useState<string | null>(null);
  const kinds = useMemo(() => [...new Set((objects.data ?? []).map((o) => o.kind))].sort(), [objects.data]);
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (objects.data ?? []).filter((o) => {
      if (kind === "policies" ? o.kind === "VirtualMachine" || o.kind === "Namespace" : kind !== "all" && o.kind !== kind) return false;
      if (!needle) return true;
      return (
        o.name.toLowerCase().includes(needle) ||
        (o.namespace ?? "").includes(needle) ||
        o.ruleIds.some((id) => id.toLowerCase().includes(needle))
      );
    });
  }, [objects.data, kind, search]);
  const selected = shown.find((o) => o.path === selectedPath) ?? shown[0];

  return (
    <section className="card stack" style={{ marginTop: 16 }} aria-labelledby="objects-heading">
      <h2 id="objects-heading">Kubernetes objects and their NSX rules</h2>
      {objects.isPending ? <LoadingBlock /> : null}
      {objects.error ? <ErrorAlert error={objects.error} /> : null}
      {objects.data ? (
        <>
          <div className="row">
            <div className="field" style={{ margin: 0 }}>
              <label htmlFor="object-kind">Kind</label>
              <select id="object-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
                <option value="policies">All policies</option>
                <option value="all">Everything</option>
                {kinds.map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            </div>
            <div className="field" style={{ margin: 0, flex: "1 1 260px" }}>
              <label htmlFor="object-search">Search name, Namespace or NSX rule id</label>
              <input id="object-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
            </div>
            <span className="muted" role="status">
              {shown.length.toLocaleString("en")} objects
            </span>
          </div>
          {shown.length === 0 ? (
            <EmptyState title="No object matches" />
          ) : (
            <div className="split">
              <div className="card object-list" role="list" aria-label="Emitted objects">
                {shown.slice(0, 500).map((o) => (
                  <div role="listitem" key={o.path}>
                    <button
                      type="button"
                      aria-pressed={o.path === selected?.path}
                      onClick={() => setSelectedPath(o.path)}
                      data-testid="object-item"
                    >
                      <div className="row" style={{ justifyContent: "space-between", gap: 4 }}>
                        <strong className="truncate" style={{ maxWidth: 220 }}>
                          {o.name}
                        </strong>
                        <Badge tone="info">{o.kind}</Badge>
                      </div>
                      <div className="muted" style={{ fontSize: 12 }}>
                        {o.namespace ? `${o.namespace} · ` : ""}
                        {o.ruleIds.length} NSX rule{o.ruleIds.length === 1 ? "" : "s"}
                        {o.category ? ` · ${o.category}` : ""}
                      </div>
                    </button>
                  </div>
                ))}
                {shown.length > 500 ? (
                  <p className="muted" style={{ padding: 8 }}>
                    Showing 500 of {shown.length}; narrow the search.
                  </p>
                ) : null}
              </div>
              {selected ? <ObjectDetail estateId={estateId} translationId={translationId} selected={selected} /> : null}
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}
