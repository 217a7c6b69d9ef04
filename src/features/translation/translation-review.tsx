"use client";
/**
 * Translation review: run a translation (security engineers), its summary and bundle download, the mapping
 * profile (editable by security engineers, read-only for everyone else), every emitted object beside the
 * NSX rules it came from with its YAML, and the findings with their remediations.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import type { TFinding } from "../../translate/findings/finding.ts";
import type { TMappingProfile } from "../../translate/profile/mapping-profile.ts";
import { useTRPC } from "../../trpc/client.tsx";
import { Badge, EmptyState, ErrorAlert, LoadingBlock, PageHeader } from "../../ui/components.tsx";
import { JobProgress } from "../jobs/job-progress.tsx";
import { ActionBadge } from "../rules/rules-explorer.tsx";
import { canEditEstate, useCurrentUser } from "../shell/current-user.tsx";
import { YamlView } from "./yaml-view.tsx";

export const SEVERITY_TONE: Record<string, "bad" | "warn" | "info" | "neutral"> = {
  critical: "bad",
  high: "bad",
  medium: "warn",
  low: "info",
  info: "neutral",
};
const SEVERITIES = ["critical", "high", "medium", "low", "info"];

export function SeverityCounts({ counts }: { counts: Record<string, number> | undefined }) {
  const entries = SEVERITIES.filter((s) => (counts?.[s] ?? 0) > 0);
  if (entries.length === 0) return <span className="muted">no findings</span>;
  return (
    <span className="row" style={{ gap: 6 }}>
      {entries.map((s) => (
        <Badge key={s} tone={SEVERITY_TONE[s]}>
          {counts![s]} {s}
        </Badge>
      ))}
    </span>
  );
}

export function TranslationReview({ estateId }: { estateId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const user = useCurrentUser();
  const canEdit = canEditEstate(user);
  const summary = useQuery(trpc.translations.summary.queryOptions({ estateId }));
  const [api, setApi] = useState<"v1alpha1" | "v1alpha2">("v1alpha1");
  const [jobId, setJobId] = useState<string | null>(null);
  const run = useMutation(trpc.translations.run.mutationOptions({ onSuccess: (data) => setJobId(data.jobId) }));
  const onDone = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.translations.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.estates.list.queryKey() });
  }, [queryClient, trpc]);
  const t = summary.data;

  return (
    <>
      <PageHeader
        title="Translation"
        subtitle="NSX DFW → AdminNetworkPolicy / NetworkPolicy / BaselineAdminNetworkPolicy (or ClusterNetworkPolicy), each object annotated with the NSX rules it carries."
        actions={
          canEdit ? (
            <>
              <label htmlFor="api-version" className="sr-only">
                Policy API
              </label>
              <select
                id="api-version"
                value={api}
                onChange={(e) => setApi(e.target.value as "v1alpha1" | "v1alpha2")}
                style={{ width: "auto" }}
              >
                <option value="v1alpha1">ANP + BANP (v1alpha1)</option>
                <option value="v1alpha2">ClusterNetworkPolicy (v1alpha2)</option>
              </select>
              <button type="button" className="btn" disabled={run.isPending} onClick={() => run.mutate({ estateId, api })}>
                Translate
              </button>
            </>
          ) : null
        }
      />
      {run.error ? <ErrorAlert error={run.error} /> : null}
      {jobId ? (
        <div className="card" style={{ marginBottom: 16 }}>
          <JobProgress key={jobId} estateId={estateId} jobId={jobId} label="Translation" onDone={onDone} />
        </div>
      ) : null}
      {summary.isPending ? <LoadingBlock /> : null}
      {summary.error ? <ErrorAlert error={summary.error} /> : null}
      {summary.data === null ? (
        <div className="card">
          <EmptyState title="Not translated yet">
            {canEdit ? "Choose the policy API and press Translate." : "A security engineer has not translated this estate yet."}
          </EmptyState>
        </div>
      ) : null}
      {t ? (
        <section className="card stack" aria-labelledby="summary-heading" data-testid="translation-summary">
          <div className="row" style={{ justifyContent: "space-between" }}>
            <h2 id="summary-heading" style={{ margin: 0 }}>
              Estate v{t.summary.importVersion} · profile v{t.profileVersion} · {t.apiVersion}
            </h2>
            <div className="row">
              {t.stale ? <Badge tone="warn">a newer estate version exists</Badge> : null}
              <a
                className="btn secondary"
                href={`/api/estates/${estateId}/translations/${t.id}/bundle`}
                download
                data-testid="bundle-download"
              >
                Download bundle (ZIP)
              </a>
            </div>
          </div>
          <div className="grid cols-4">
            <Stat
              value={t.summary.adminNetworkPolicies}
              label={t.apiVersion === "v1alpha2" ? "ClusterNetworkPolicies" : "AdminNetworkPolicies"}
            />
            <Stat value={t.summary.networkPolicies} label="NetworkPolicies" />
            <Stat value={t.summary.namespaces} label="Namespaces" />
            <Stat value={t.summary.vms} label="VM label patches" />
          </div>
          <div>
            Findings: <SeverityCounts counts={t.summary.findingsBySeverity} />
          </div>
          {t.summary.roundTrip ? (
            <div data-testid="round-trip">
              Round trip (checked with the translation):{" "}
              {t.summary.roundTrip.equivalent ? (
                <Badge tone="ok">equivalent except the findings</Badge>
              ) : (
                <Badge tone="bad">
                  {t.summary.roundTrip.unexplained.toLocaleString("en")} unexplained counterexample
                  {t.summary.roundTrip.unexplained === 1 ? "" : "s"}
                  {t.summary.roundTrip.unmappedVms > 0 ? `, ${t.summary.roundTrip.unmappedVms} VMs without a VirtualMachine` : ""}
                </Badge>
              )}{" "}
              <span className="muted">
                {t.summary.roundTrip.explained.toLocaleString("en")} differences accounted for by findings ·{" "}
                {t.summary.roundTrip.pairsCompared.toLocaleString("en")} class pairs compared in{" "}
                {(t.summary.roundTrip.elapsedMs / 1000).toFixed(1)} s
              </span>
              {t.summary.roundTrip.examples.length > 0 ? (
                <ul className="mono">
                  {t.summary.roundTrip.examples.map((e, i) => (
                    <li key={i}>
                      {e.src} → {e.dst}: {e.lost ? `NSX only ${e.lost}` : ""} {e.added ? `Kubernetes only ${e.added}` : ""}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          {t.summary.adminOverflow ? <div className="alert error">{t.summary.adminOverflow}</div> : null}
          <div className="muted">
            Translated {new Date(t.createdAt).toLocaleString("de-CH")} in {(t.summary.elapsedMs / 1000).toFixed(1)} s ·{" "}
            {t.summary.fileCount} files
          </div>
        </section>
      ) : null}
      <ProfileEditor estateId={estateId} canEdit={canEdit} onSaved={(rerun) => (rerun ? run.mutate({ estateId, api }) : undefined)} />
      {t ? <ObjectsBrowser estateId={estateId} translationId={t.id} /> : null}
      {t ? <FindingsList estateId={estateId} translationId={t.id} /> : null}
    </>
  );
}

function Stat({ value, label }: { value: number; label: string }) {
  return (
    <div>
      <div className="stat">{value.toLocaleString("en")}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------

type Bands = TMappingProfile["bands"];
const BAND_NAMES = ["Emergency", "Infrastructure", "Environment"] as const;

function ProfileEditor({ estateId, canEdit, onSaved }: { estateId: string; canEdit: boolean; onSaved: (rerun: boolean) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.translations.profile.queryOptions({ estateId }));
  const [draft, setDraft] = useState<TMappingProfile | null>(null);
  const [rerun, setRerun] = useState(false);
  const save = useMutation(
    trpc.translations.saveProfile.mutationOptions({
      onSuccess: () => {
        setDraft(null);
        void queryClient.invalidateQueries({ queryKey: trpc.translations.profile.queryKey({ estateId }) });
        onSaved(rerun);
      },
    }),
  );
  if (current.isPending) return <LoadingBlock label="Loading mapping profile" />;
  if (current.error) return <ErrorAlert error={current.error} />;
  const profile = draft ?? current.data.profile;
  const edit = (change: (p: TMappingProfile) => TMappingProfile) => setDraft(change(structuredClone(profile)));
  const setBand = (name: keyof Bands, end: "from" | "to", value: number) =>
    edit((p) => ({ ...p, bands: { ...p.bands, [name]: { ...p.bands[name], [end]: value } } }));
  const renameText = Object.entries(profile.taxonomy.rename)
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");

  return (
    <section className="card stack" style={{ marginTop: 16 }} aria-labelledby="profile-heading" data-testid="mapping-profile">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 id="profile-heading" style={{ margin: 0 }}>
          Mapping profile v{current.data.version}
          {current.data.version === 0 ? " (defaults)" : ""}
        </h2>
        {draft ? <Badge tone="warn">unsaved changes</Badge> : null}
      </div>
      {canEdit ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ estateId, profile, baseVersion: current.data.version });
          }}
        >
          <fieldset className="chips" style={{ gap: 16 }}>
            <legend>AdminNetworkPolicy priority bands (0–99 honoured by OVN-Kubernetes)</legend>
            {BAND_NAMES.map((name) => (
              <div key={name} className="row" style={{ gap: 6 }}>
                <strong style={{ minWidth: 110 }}>{name}</strong>
                <label htmlFor={`band-${name}-from`} className="sr-only">
                  {name} from
                </label>
                <input
                  id={`band-${name}-from`}
                  type="number"
                  min={0}
                  max={999}
                  value={profile.bands[name].from}
                  onChange={(e) => setBand(name, "from", Number(e.target.value))}
                  style={{ width: 80 }}
                />
                <span aria-hidden="true">–</span>
                <label htmlFor={`band-${name}-to`} className="sr-only">
                  {name} to
                </label>
                <input
                  id={`band-${name}-to`}
                  type="number"
                  min={0}
                  max={999}
                  value={profile.bands[name].to}
                  onChange={(e) => setBand(name, "to", Number(e.target.value))}
                  style={{ width: 80 }}
                />
              </div>
            ))}
          </fieldset>
          <div className="grid cols-3">
            <div className="field">
              <label htmlFor="ns-scope">Namespace from tag scope</label>
              <input
                id="ns-scope"
                type="text"
                value={profile.namespace.scope ?? ""}
                onChange={(e) =>
                  edit((p) => ({ ...p, namespace: { ...p.namespace, scope: e.target.value.trim() === "" ? null : e.target.value.trim() } }))
                }
              />
              <div className="hint">Empty: every VM in the fallback Namespace.</div>
            </div>
            <div className="field">
              <label htmlFor="ns-fallback">Fallback Namespace</label>
              <input
                id="ns-fallback"
                type="text"
                value={profile.namespace.fallback}
                onChange={(e) => edit((p) => ({ ...p, namespace: { ...p.namespace, fallback: e.target.value } }))}
              />
            </div>
            <div className="field">
              <label htmlFor="ns-prefix">Namespace prefix</label>
              <input
                id="ns-prefix"
                type="text"
                value={profile.namespace.prefix}
                onChange={(e) => edit((p) => ({ ...p, namespace: { ...p.namespace, prefix: e.target.value } }))}
              />
            </div>
            <div className="field">
              <label htmlFor="label-prefix">Label prefix</label>
              <input
                id="label-prefix"
                type="text"
                value={profile.labelPrefix}
                onChange={(e) => edit((p) => ({ ...p, labelPrefix: e.target.value }))}
              />
            </div>
            <div className="field">
              <label htmlFor="include-scopes">Tag scopes carried as labels</label>
              <input
                id="include-scopes"
                type="text"
                value={profile.taxonomy.includeScopes.join(", ")}
                onChange={(e) =>
                  edit((p) => ({
                    ...p,
                    taxonomy: {
                      ...p.taxonomy,
                      includeScopes: e.target.value
                        .split(",")
                        .map((s) => s.trim())
                        .filter(Boolean),
                    },
                  }))
                }
              />
              <div className="hint">Comma-separated; empty = every scope. Scopes a rule needs are always carried.</div>
            </div>
            <div className="field">
              <label htmlFor="rename">Label names (scope=label, one per line)</label>
              <textarea
                id="rename"
                rows={3}
                value={renameText}
                onChange={(e) =>
                  edit((p) => ({
                    ...p,
                    taxonomy: {
                      ...p.taxonomy,
                      rename: Object.fromEntries(
                        e.target.value
                          .split("\n")
                          .map((line) => line.split("=").map((s) => s.trim()))
                          .filter(([k, v]) => k && v),
                      ),
                    },
                  }))
                }
              />
            </div>
          </div>
          {save.error ? <ErrorAlert error={save.error} /> : null}
          <div className="row">
            <button type="submit" className="btn" disabled={!draft || save.isPending} onClick={() => setRerun(true)}>
              Save as v{current.data.version + 1} and re-run
            </button>
            <button type="submit" className="btn secondary" disabled={!draft || save.isPending} onClick={() => setRerun(false)}>
              Save only
            </button>
            <button type="button" className="btn secondary" disabled={!draft} onClick={() => setDraft(null)}>
              Discard changes
            </button>
          </div>
        </form>
      ) : (
        <dl className="kv">
          {BAND_NAMES.map((name) => (
            <div key={name} style={{ display: "contents" }}>
              <dt>{name} band</dt>
              <dd>
                {profile.bands[name].from}–{profile.bands[name].to}
              </dd>
            </div>
          ))}
          <dt>Namespace rule</dt>
          <dd>
            {profile.namespace.scope ? `tag scope "${profile.namespace.scope}"` : "one Namespace"}, prefix “{profile.namespace.prefix}”,
            fallback {profile.namespace.fallback}
          </dd>
          <dt>Label prefix</dt>
          <dd className="mono">{profile.labelPrefix}</dd>
          <dt>Label taxonomy</dt>
          <dd>
            {profile.taxonomy.includeScopes.length > 0 ? profile.taxonomy.includeScopes.join(", ") : "every tag scope"}
            {Object.keys(profile.taxonomy.rename).length > 0 ? ` · renamed: ${renameText.replace(/\n/g, ", ")}` : ""}
          </dd>
        </dl>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------------------

function ObjectsBrowser({ estateId, translationId }: { estateId: string; translationId: string }) {
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
  const file = useQuery({
    ...trpc.translations.file.queryOptions({ estateId, translationId, path: selected?.path ?? "kustomization.yaml" }),
    enabled: selected !== undefined,
  });
  const ruleIds = selected?.ruleIds.slice(0, 50) ?? [];
  const rules = useQuery({
    ...trpc.rules.page.queryOptions({ estateId, ids: ruleIds, offset: 0, limit: 50 }),
    enabled: ruleIds.length > 0,
  });

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
              {selected ? (
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
                      <table className="data">
                        <thead>
                          <tr>
                            <th>Rule</th>
                            <th>Policy</th>
                            <th>Sources → destinations</th>
                            <th>Services</th>
                            <th>Action</th>
                          </tr>
                        </thead>
                        <tbody>
                          {rules.data.rows.map((r) => (
                            <tr key={r.position}>
                              <td>
                                {r.name} <span className="mono muted">{r.id}</span>
                              </td>
                              <td>
                                {r.category} · {r.policyName}
                              </td>
                              <td>
                                {r.sources.map((s) => s.label).join(", ")} → {r.destinations.map((s) => s.label).join(", ")}
                              </td>
                              <td>{r.services.map((s) => s.label).join(", ")}</td>
                              <td>
                                <ActionBadge action={r.action} disabled={r.disabled} />
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
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
              ) : null}
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}

export function FindingsTable({ findings }: { findings: TFinding[] }) {
  if (findings.length === 0) return <EmptyState title="No findings">Everything was carried over exactly.</EmptyState>;
  return (
    <table className="data" data-testid="findings">
      <thead>
        <tr>
          <th>Severity</th>
          <th>Finding</th>
          <th>NSX rules</th>
          <th>Why</th>
          <th>Remediation</th>
        </tr>
      </thead>
      <tbody>
        {findings.map((f) => (
          <tr key={f.id}>
            <td>
              <Badge tone={SEVERITY_TONE[f.severity]}>{f.severity}</Badge>
            </td>
            <td>
              <strong>{f.title}</strong>
              <div className="mono muted">{f.code}</div>
            </td>
            <td className="mono" style={{ maxWidth: 180, overflowWrap: "anywhere" }}>
              {f.ruleIds.slice(0, 8).join(", ")}
              {f.ruleIds.length > 8 ? ` … (${f.ruleIds.length})` : ""}
            </td>
            <td>{f.why}</td>
            <td>{f.remediation}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FindingsList({ estateId, translationId }: { estateId: string; translationId: string }) {
  const trpc = useTRPC();
  const findings = useQuery(trpc.translations.findings.queryOptions({ estateId, translationId }));
  return (
    <section className="card stack" style={{ marginTop: 16 }} aria-labelledby="findings-heading">
      <h2 id="findings-heading">Findings</h2>
      {findings.isPending ? <LoadingBlock /> : null}
      {findings.error ? <ErrorAlert error={findings.error} /> : null}
      {findings.data ? <FindingsTable findings={findings.data} /> : null}
    </section>
  );
}
