"use client";
import { useQuery } from "@tanstack/react-query";
import { JobAttempts } from "../../ui/job-attempts.tsx";
import { useTRPC } from "../../trpc/client.tsx";
import { Badge, EmptyState, ErrorAlert, LoadingBlock, PageHeader } from "../../ui/components.tsx";
import { RulesByCategoryChart } from "./rules-chart.tsx";

const JOB_TONE: Record<string, "ok" | "bad" | "info" | "neutral"> = { succeeded: "ok", failed: "bad", running: "info", queued: "neutral" };

function LatestImport({ estateId }: { estateId: string }) {
  const trpc = useTRPC();
  const summary = useQuery(trpc.rules.summary.queryOptions({ estateId }));
  const imports = useQuery(trpc.imports.list.queryOptions({ estateId }));
  const latest = imports.data?.[0];
  const report = useQuery({
    ...trpc.imports.report.queryOptions({ estateId, importId: latest?.id ?? "00000000-0000-4000-8000-000000000000" }),
    enabled: latest !== undefined,
  });
  if (imports.isPending || summary.isPending) return <LoadingBlock />;
  if (imports.error) return <ErrorAlert error={imports.error} />;
  if (!latest) return <EmptyState title="No estate imported yet">Upload an NSX export on the Upload tab.</EmptyState>;
  const counts = latest.counts as Record<string, number>;
  const r = report.data?.report as { unresolved?: unknown[]; warnings?: unknown[]; defaultAction?: string } | undefined;
  return (
    <div className="stack" data-testid="latest-import">
      <div className="grid cols-4">
        {(["rules", "policies", "groups", "services", "vms", "tags", "segments"] as const).map((key) => (
          <div key={key}>
            <div className="stat">{(counts[key] ?? 0).toLocaleString("en")}</div>
            <div className="stat-label">{key === "vms" ? "VMs" : key}</div>
          </div>
        ))}
        <div>
          <div className="stat">{summary.data?.applications.length ?? "–"}</div>
          <div className="stat-label">applications (app tag)</div>
        </div>
      </div>
      <div className="muted">
        Version {latest.version} · {new Date(latest.createdAt).toLocaleString("de-CH")} · {latest.files.length} file(s) ·{" "}
        {r ? `${r.unresolved?.length ?? 0} unresolved, ${r.warnings?.length ?? 0} warnings, default rule ${r.defaultAction}` : "…"}
      </div>
      {summary.data ? <RulesByCategoryChart data={summary.data.byCategory} /> : null}
    </div>
  );
}

function RecentJobs({ estateId }: { estateId: string }) {
  const trpc = useTRPC();
  const jobs = useQuery({ ...trpc.jobs.list.queryOptions({ estateId }), refetchInterval: 5000 });
  if (jobs.isPending) return <LoadingBlock />;
  if (jobs.error) return <ErrorAlert error={jobs.error} />;
  if (jobs.data.length === 0) return <EmptyState title="No jobs yet" />;
  return (
    <table className="data">
      <thead>
        <tr>
          <th>Job</th>
          <th>State</th>
          <th>Started</th>
          <th>Took</th>
        </tr>
      </thead>
      <tbody>
        {jobs.data.slice(0, 10).map((job) => (
          <tr key={job.id}>
            <td>{job.kind}</td>
            <td>
              <Badge tone={JOB_TONE[job.state] ?? "neutral"}>{job.state}</Badge>
              <JobAttempts job={job} />
              {job.error ? (
                <div className="muted" style={{ fontSize: 12 }}>
                  {job.error}
                </div>
              ) : null}
            </td>
            <td>{new Date(job.createdAt).toLocaleString("de-CH")}</td>
            <td>
              {job.startedAt && job.finishedAt
                ? `${((new Date(job.finishedAt).getTime() - new Date(job.startedAt).getTime()) / 1000).toFixed(1)} s`
                : "–"}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function EstateOverview({ estateId }: { estateId: string }) {
  const trpc = useTRPC();
  const estate = useQuery(trpc.estates.get.queryOptions({ estateId }));
  const activity = useQuery(trpc.estates.activity.queryOptions({ estateId }));
  if (estate.isPending) return <LoadingBlock />;
  if (estate.error) return <ErrorAlert error={estate.error} />;
  return (
    <>
      <PageHeader title={estate.data.name} subtitle={estate.data.description} />
      <div className="grid cols-2" style={{ marginBottom: 16 }}>
        <section className="card" aria-labelledby="latest-import-heading">
          <h2 id="latest-import-heading">Latest import</h2>
          <LatestImport estateId={estateId} />
        </section>
        <section className="card" aria-labelledby="jobs-heading">
          <h2 id="jobs-heading">Recent jobs</h2>
          <RecentJobs estateId={estateId} />
        </section>
      </div>
      <section className="card">
        <h2>Activity</h2>
        {activity.isPending ? <LoadingBlock /> : null}
        {activity.data && activity.data.length === 0 ? <EmptyState title="No activity yet" /> : null}
        {activity.data && activity.data.length > 0 ? (
          <table className="data">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>What</th>
              </tr>
            </thead>
            <tbody>
              {activity.data.map((entry) => (
                <tr key={entry.id}>
                  <td>{new Date(entry.at).toLocaleString("de-CH")}</td>
                  <td>{entry.userEmail}</td>
                  <td className="mono">{entry.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </>
  );
}
