"use client";
/**
 * Equivalence: the verdict of the latest verification, its differences (flow classes with an example flow
 * and both sides' deciding rules), the "can A reach B on port P?" query with both traces, the connectivity
 * heatmap between applications (with a table fallback), the translation's findings and the engine checks.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Fragment, useCallback, useState, type FormEvent } from "react";
import type { FlowResult } from "../../policy/explain.ts";
import type { THeatmapCell, TVerificationResult } from "../../server/services/verification.ts";
import { useTRPC } from "../../trpc/client.tsx";
import { Badge, EmptyState, ErrorAlert, LoadingBlock, PageHeader } from "../../ui/components.tsx";
import { JobProgress } from "../jobs/job-progress.tsx";
import { canEditEstate, useCurrentUser } from "../shell/current-user.tsx";
import { FindingsTable } from "../translation/translation-review.tsx";

function VerdictBadge({ verdict }: { verdict: string }) {
  return <Badge tone={verdict === "allow" ? "ok" : "bad"}>{verdict}</Badge>;
}

export function Trace({ result, title }: { result: FlowResult; title: string }) {
  return (
    <div data-testid={`trace-${result.side}`}>
      <h3>
        {title} <VerdictBadge verdict={result.verdict} />
      </h3>
      {result.decisions.map((d, i) => (
        <div key={i} className={`trace ${d.verdict}`}>
          <div className="row" style={{ gap: 6 }}>
            <span className="mono">{d.enforcementPoint}</span> <VerdictBadge verdict={d.verdict} />
            {d.isDefault ? <Badge>default</Badge> : null}
          </div>
          <div>
            {d.policy ? <strong>{d.policy}</strong> : null}
            {d.rule ? ` · rule ${d.rule}` : ""}
            {d.ruleId && d.ruleId !== d.rule ? <span className="mono muted"> ({d.ruleId})</span> : null} · {d.action}
          </div>
          <div className="muted" style={{ fontSize: 12.5 }}>
            {d.summary}
          </div>
        </div>
      ))}
    </div>
  );
}

function decidingRule(result: FlowResult): string {
  const refusal = result.decisions.find((d) => d.verdict !== "allow") ?? result.decisions[result.decisions.length - 1];
  if (!refusal) return "–";
  return refusal.isDefault ? `default (${refusal.enforcementPoint})` : `${refusal.policy ?? ""} ${refusal.rule ?? ""}`.trim();
}

export function EquivalencePage({ estateId }: { estateId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const user = useCurrentUser();
  const canEdit = canEditEstate(user);
  const summary = useQuery(trpc.equivalence.summary.queryOptions({ estateId }));
  const translation = useQuery(trpc.translations.summary.queryOptions({ estateId }));
  const [jobId, setJobId] = useState<string | null>(null);
  const run = useMutation(trpc.equivalence.run.mutationOptions({ onSuccess: (data) => setJobId(data.jobId) }));
  const onDone = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.equivalence.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.translations.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.estates.list.queryKey() });
  }, [queryClient, trpc]);
  const v = summary.data;

  return (
    <>
      <PageHeader
        title="Equivalence"
        subtitle="Exact comparison on one engine: every flow NSX allows between corresponding workloads, and only those, is allowed by the Kubernetes manifests."
        actions={
          canEdit && translation.data ? (
            <button type="button" className="btn" disabled={run.isPending} onClick={() => run.mutate({ estateId })}>
              Verify latest translation
            </button>
          ) : null
        }
      />
      {run.error ? <ErrorAlert error={run.error} /> : null}
      {jobId ? (
        <div className="card" style={{ marginBottom: 16 }}>
          <JobProgress key={jobId} estateId={estateId} jobId={jobId} label="Verification" onDone={onDone} />
        </div>
      ) : null}
      {summary.isPending ? <LoadingBlock /> : null}
      {summary.error ? <ErrorAlert error={summary.error} /> : null}
      {summary.data === null ? (
        <div className="card">
          <EmptyState title="Not verified yet">
            {translation.data === null
              ? "Translate the estate first."
              : canEdit
                ? "Press “Verify latest translation”."
                : "A security engineer has not verified a translation yet."}
          </EmptyState>
        </div>
      ) : null}
      {v ? <Verdict result={v.result} stale={v.stale} createdAt={v.createdAt} /> : null}
      {v ? <Differences result={v.result} /> : null}
      <FlowQuery estateId={estateId} />
      {v ? <Heatmap heatmap={v.result.heatmap} /> : null}
      {translation.data ? <TranslationFindings estateId={estateId} translationId={translation.data.id} /> : null}
      {v ? <LintResults items={v.result.lint} /> : null}
      {v ? <EngineChecks problems={v.result.problems} /> : null}
    </>
  );
}

function Verdict({ result, stale, createdAt }: { result: TVerificationResult; stale: boolean; createdAt: Date | string }) {
  const verdict = result.equivalent
    ? "Equivalent"
    : result.equivalentExceptFindings
      ? "Equivalent except the listed findings"
      : "Not equivalent";
  const tone = result.equivalent ? "ok" : result.equivalentExceptFindings ? "info" : "error";
  return (
    <section className="card stack" aria-labelledby="verdict-heading" data-testid="verdict">
      <div className={`alert ${tone}`} role="status">
        <h2 id="verdict-heading" style={{ margin: 0 }}>
          {verdict}
        </h2>
        {result.differenceCount > 0 ? (
          <div>
            {result.differenceCount.toLocaleString("en")} differing flow class{result.differenceCount === 1 ? "" : "es"}:{" "}
            {result.unexplained.toLocaleString("en")} not explained by a finding
            {result.unexplainedByFamily && result.unexplained > 0
              ? ` (IPv4: ${result.unexplainedByFamily[4].toLocaleString("en")}, IPv6: ${result.unexplainedByFamily[6].toLocaleString("en")})`
              : ""}
            {result.truncated
              ? ` (only the first ${(result.detailedCount ?? result.differences.length).toLocaleString("en")} could be classified)`
              : ""}
            .
          </div>
        ) : (
          <div>No flow class differs.</div>
        )}
      </div>
      <div className="grid cols-4">
        <div>
          <div className="stat">
            {result.stats.matchedVms}/{result.stats.vms}
          </div>
          <div className="stat-label">VMs matched to Kubernetes</div>
        </div>
        <div>
          <div className="stat">{result.stats.commonVmClasses}</div>
          <div className="stat-label">common VM classes</div>
        </div>
        <div>
          <div className="stat">{result.stats.externalAtoms}</div>
          <div className="stat-label">external address blocks</div>
        </div>
        <div>
          <div className="stat">{result.stats.classPairs?.toLocaleString("en")}</div>
          <div className="stat-label">class pairs compared</div>
        </div>
      </div>
      {result.unmatchedVms.length > 0 ? (
        <div className="alert error">
          {result.unmatchedVms.length} VM(s) have no Kubernetes counterpart:{" "}
          {result.unmatchedVms
            .slice(0, 5)
            .map((u) => `${u.name} (${u.reason})`)
            .join("; ")}
        </div>
      ) : null}
      <div className="muted">
        Verified {new Date(createdAt).toLocaleString("de-CH")} in {(result.elapsedMs / 1000).toFixed(1)} s{" "}
        {stale ? <Badge tone="warn">a newer translation exists</Badge> : null}
      </div>
    </section>
  );
}

const PAGE = 15;

function Differences({ result }: { result: TVerificationResult }) {
  const [open, setOpen] = useState<number | null>(0);
  const [status, setStatus] = useState<"all" | "unexplained" | "explained-by-finding">("all");
  const [family, setFamily] = useState<"all" | "4" | "6">("all");
  const [limit, setLimit] = useState(PAGE);
  const filtered = result.differences.filter(
    (d) => (status === "all" || d.status === status) && (family === "all" || String(d.family) === family),
  );
  const shown = filtered.slice(0, limit);
  return (
    <section className="card stack" style={{ marginTop: 16 }} aria-labelledby="diff-heading">
      <h2 id="diff-heading">Differences</h2>
      {result.differences.length > 0 && result.differenceCount > result.differences.length ? (
        <p className="muted" style={{ margin: 0 }}>
          Showing {result.differences.length} of {result.differenceCount.toLocaleString("en")} differences, those no finding explains first.
        </p>
      ) : null}
      {result.differences.length > 0 ? (
        <div className="row">
          <div className="field" style={{ margin: 0 }}>
            <label htmlFor="diff-status">Status</label>
            <select
              id="diff-status"
              value={status}
              onChange={(e) => {
                setStatus(e.target.value as typeof status);
                setLimit(PAGE);
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
                setLimit(PAGE);
                setOpen(null);
              }}
            >
              <option value="all">IPv4 and IPv6</option>
              <option value="4">IPv4</option>
              <option value="6">IPv6</option>
            </select>
          </div>
          <span className="muted" role="status">
            {Math.min(limit, filtered.length)} of {filtered.length} shown
          </span>
        </div>
      ) : null}
      {result.differences.length === 0 ? (
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
          {filtered.length > limit ? (
            <button type="button" className="btn secondary" style={{ marginTop: 8 }} onClick={() => setLimit(limit + 25)}>
              Show 25 more
            </button>
          ) : null}
        </div>
      )}
    </section>
  );
}

function FlowQuery({ estateId }: { estateId: string }) {
  const trpc = useTRPC();
  const [form, setForm] = useState({ src: "", dst: "", protocol: "TCP" as "TCP" | "UDP" | "SCTP" | "ICMP" | "ICMPv6", port: "443" });
  const [asked, setAsked] = useState<typeof form | null>(null);
  const suggestions = useQuery(trpc.equivalence.endpoints.queryOptions({ estateId, search: "" }));
  const l4 = form.protocol === "TCP" || form.protocol === "UDP" || form.protocol === "SCTP";
  const input = asked
    ? {
        estateId,
        src: asked.src,
        dst: asked.dst,
        protocol: asked.protocol,
        ...(asked.port !== ""
          ? asked.protocol === "ICMP" || asked.protocol === "ICMPv6"
            ? { icmpType: Number(asked.port) }
            : { port: Number(asked.port) }
          : {}),
      }
    : { estateId, src: "-", dst: "-", protocol: "TCP" as const };
  const answer = useQuery({ ...trpc.equivalence.query.queryOptions(input), enabled: asked !== null, retry: false });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAsked({ ...form });
  };
  return (
    <section className="card stack" style={{ marginTop: 16 }} aria-labelledby="query-heading">
      <h2 id="query-heading">Can A reach B?</h2>
      <form className="row" style={{ alignItems: "flex-end" }} onSubmit={submit} data-testid="flow-query">
        <div className="field" style={{ margin: 0 }}>
          <label htmlFor="q-src">Source (VM name or IP)</label>
          <input
            id="q-src"
            type="text"
            list="q-vms"
            required
            value={form.src}
            onChange={(e) => setForm({ ...form, src: e.target.value })}
          />
        </div>
        <div className="field" style={{ margin: 0 }}>
          <label htmlFor="q-dst">Destination (VM name or IP)</label>
          <input
            id="q-dst"
            type="text"
            list="q-vms"
            required
            value={form.dst}
            onChange={(e) => setForm({ ...form, dst: e.target.value })}
          />
        </div>
        <div className="field" style={{ margin: 0 }}>
          <label htmlFor="q-proto">Protocol</label>
          <select
            id="q-proto"
            value={form.protocol}
            onChange={(e) => setForm({ ...form, protocol: e.target.value as typeof form.protocol })}
          >
            {["TCP", "UDP", "SCTP", "ICMP", "ICMPv6"].map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </div>
        <div className="field" style={{ margin: 0 }}>
          <label htmlFor="q-port">{l4 ? "Port" : "ICMP type"}</label>
          <input
            id="q-port"
            type="number"
            min={0}
            max={l4 ? 65535 : 255}
            value={form.port}
            onChange={(e) => setForm({ ...form, port: e.target.value })}
            style={{ width: 100 }}
          />
        </div>
        <button type="submit" className="btn">
          Trace on both sides
        </button>
        <datalist id="q-vms">
          {suggestions.data?.map((s) => (
            <option key={s.name} value={s.name}>
              {s.app} {s.ip}
            </option>
          ))}
        </datalist>
      </form>
      {answer.isFetching ? <LoadingBlock lines={2} label="Evaluating" /> : null}
      {answer.error ? <ErrorAlert error={answer.error} /> : null}
      {answer.data && !answer.isFetching ? (
        <div className="stack" data-testid="flow-answer">
          <div className={`alert ${answer.data.agree === false ? "error" : "info"}`} role="status">
            <strong>
              {asked?.src} → {asked?.dst} {answer.data.flowText}:
            </strong>{" "}
            NSX {answer.data.nsx.verdict === "allow" ? "allows" : "denies"} it
            {answer.data.k8s
              ? `; Kubernetes ${answer.data.k8s.verdict === "allow" ? "allows" : "denies"} it${answer.data.agree ? " — both sides agree" : " — the sides DISAGREE"}`
              : "; no translation to compare yet"}
            .
          </div>
          <div className="grid cols-2">
            <Trace result={answer.data.nsx} title="NSX (vNIC OUT, then IN)" />
            {answer.data.k8s ? (
              <Trace result={answer.data.k8s} title={`Kubernetes (${answer.data.k8sSrc} → ${answer.data.k8sDst})`} />
            ) : (
              <EmptyState title="No Kubernetes side yet">Translate the estate to compare.</EmptyState>
            )}
          </div>
        </div>
      ) : null}
    </section>
  );
}

const STATE_LABEL: Record<THeatmapCell["state"], string> = {
  none: "no traffic on either side",
  same: "same traffic on both sides",
  "nsx-only": "NSX allows more",
  "k8s-only": "Kubernetes allows more",
  mixed: "each side allows something the other does not",
};
const STATE_MARK: Record<THeatmapCell["state"], string> = { none: "", same: "✓", "nsx-only": "N", "k8s-only": "K", mixed: "±" };

function Heatmap({ heatmap }: { heatmap: TVerificationResult["heatmap"] }) {
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
        <table className="data">
          <thead>
            <tr>
              <th>From</th>
              <th>To</th>
              <th>NSX allows</th>
              <th>Kubernetes allows</th>
              <th>Comparison</th>
            </tr>
          </thead>
          <tbody>
            {heatmap.cells.map((c) => (
              <tr key={`${c.src}-${c.dst}`}>
                <td>{c.src}</td>
                <td>{c.dst}</td>
                <td className="mono">{c.nsx}</td>
                <td className="mono">{c.k8s}</td>
                <td>{STATE_LABEL[c.state]}</td>
              </tr>
            ))}
          </tbody>
        </table>
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

function TranslationFindings({ estateId, translationId }: { estateId: string; translationId: string }) {
  const trpc = useTRPC();
  const findings = useQuery(trpc.translations.findings.queryOptions({ estateId, translationId }));
  return (
    <section className="card stack" style={{ marginTop: 16 }} aria-labelledby="eq-findings-heading">
      <h2 id="eq-findings-heading">Findings and remediations</h2>
      {findings.isPending ? <LoadingBlock /> : null}
      {findings.error ? <ErrorAlert error={findings.error} /> : null}
      {findings.data ? <FindingsTable findings={findings.data} /> : null}
    </section>
  );
}

const LINT_TONE: Record<string, "bad" | "warn" | "neutral"> = { error: "bad", warning: "warn", info: "neutral" };

function LintResults({ items }: { items: TVerificationResult["lint"] }) {
  const [kind, setKind] = useState("all");
  if (!items) return null;
  const kinds = [...new Set(items.map((i) => i.kind))].sort();
  const shown = kind === "all" ? items : items.filter((i) => i.kind === kind);
  return (
    <section className="card stack" style={{ marginTop: 16 }} aria-labelledby="rule-lint-heading" data-testid="rule-lint">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 id="rule-lint-heading" style={{ margin: 0 }}>
          Lint: shadowed, redundant and dead rules ({items.length})
        </h2>
        {kinds.length > 1 ? (
          <div className="field" style={{ margin: 0 }}>
            <label htmlFor="lint-kind">Kind</label>
            <select id="lint-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              <option value="all">All</option>
              {kinds.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      {items.length === 0 ? (
        <EmptyState title="No shadowed or redundant rules" />
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>Severity</th>
              <th>Kind</th>
              <th>Rule</th>
              <th>Policy</th>
              <th>Why</th>
              <th>Decided instead by</th>
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, 300).map((item, i) => (
              <tr key={i}>
                <td>
                  <Badge tone={LINT_TONE[item.severity] ?? "neutral"}>{item.severity}</Badge>
                </td>
                <td>{item.kind}</td>
                <td className="mono">{item.ruleId}</td>
                <td>{item.policy}</td>
                <td>{item.message}</td>
                <td className="mono" style={{ overflowWrap: "anywhere" }}>
                  {item.coveredBy?.slice(0, 6).join(", ") ?? "–"}
                  {(item.coveredBy?.length ?? 0) > 6 ? ` … (${item.coveredBy!.length})` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown.length > 300 ? <p className="muted">First 300 of {shown.length}.</p> : null}
    </section>
  );
}

function EngineChecks({ problems }: { problems: TVerificationResult["problems"] }) {
  const tone = (s: string) => (s === "error" ? "bad" : s === "outside-model" ? "warn" : "neutral");
  return (
    <section className="card stack" style={{ marginTop: 16 }} aria-labelledby="lint-heading" data-testid="lint">
      <h2 id="lint-heading">Engine checks</h2>
      <p className="muted" style={{ margin: 0 }}>
        What the engine found while compiling the NSX rules and the manifests: broken references, behaviour outside the L3/L4 model, rules
        that match nothing.
      </p>
      {problems.length === 0 ? (
        <EmptyState title="No problems found" />
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>Severity</th>
              <th>Check</th>
              <th>Subject</th>
              <th>Message</th>
            </tr>
          </thead>
          <tbody>
            {problems.slice(0, 300).map((p, i) => (
              <tr key={i}>
                <td>
                  <Badge tone={tone(p.severity)}>{p.severity}</Badge>
                </td>
                <td className="mono">{p.code}</td>
                <td className="mono" style={{ overflowWrap: "anywhere" }}>
                  {p.subject ?? "–"}
                </td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
