"use client";
/**
 * Upload: drop several files or a ZIP (or pick them), one progress bar through upload (XHR progress),
 * parse and resolve (the import job's progress, polled), then the import report. Only security engineers
 * and admins get the upload control; everyone sees the import history and its reports.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type DragEvent } from "react";
import superjson from "superjson";
import type { ImportReport } from "../../ingest/types.ts";
import { getCsrfToken, useTRPC } from "../../trpc/client.tsx";
import { Badge, EmptyState, ErrorAlert, LoadingBlock, PageHeader } from "../../ui/components.tsx";
import { useEstateCan } from "../estates/estate-scope.tsx";
import { useJobStatus } from "../../ui/job-status.ts";
import { ProgressBar } from "../../ui/progress-bar.tsx";
import { ImportReportView } from "./import-report.tsx";

/** Share of the bar for the byte transfer; the job's own progress fills the rest. */
const UPLOAD_SHARE = 35;

type Stage = { kind: "idle" } | { kind: "uploading"; percent: number } | { kind: "job"; jobId: string } | { kind: "error"; message: string };

function uploadWithProgress(estateId: string, files: File[], onProgress: (fraction: number) => void): Promise<{ jobId: string }> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.set("estateId", estateId);
    for (const file of files) form.append("files", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/trpc/imports.upload");
    const token = getCsrfToken();
    if (token) xhr.setRequestHeader("x-parity-csrf", token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new Error("The upload failed: the server could not be reached"));
    xhr.onload = () => {
      let body: { result?: { data?: unknown }; error?: { json?: { message?: string }; message?: string } } | undefined;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        reject(new Error(`The upload failed (HTTP ${xhr.status})`));
        return;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body?.result) {
        resolve(superjson.deserialize(body.result.data as never) as { jobId: string });
      } else {
        reject(new Error(body?.error?.json?.message ?? body?.error?.message ?? `The upload failed (HTTP ${xhr.status})`));
      }
    };
    xhr.send(form);
  });
}

export function UploadPage({ estateId }: { estateId: string }) {
  const canUpload = useEstateCan("changeEstateData");
  return (
    <>
      <PageHeader title="Upload" subtitle="NSX-T/NSX-V exports, collector JSON, CSV rules, vCenter / RVTools / PowerCLI / govc inventories and tags, one by one or in a ZIP." />
      {canUpload ? <Uploader estateId={estateId} /> : <div className="alert info">Your role reads the import history and reports; uploading is for security engineers.</div>}
      <ImportHistory estateId={estateId} />
    </>
  );
}

function Uploader({ estateId }: { estateId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<File[]>([]);
  const [over, setOver] = useState(false);
  const [stage, setStage] = useState<Stage>({ kind: "idle" });
  const input = useRef<HTMLInputElement>(null);

  const status = useJobStatus(estateId, stage.kind === "job" ? stage.jobId : null);
  const job = status.job;
  const finished = stage.kind === "job" && status.finished;
  const jobProgress = status.progress;

  let percent = 0;
  let label = "";
  if (stage.kind === "uploading") {
    percent = Math.round(stage.percent * UPLOAD_SHARE);
    label = `Uploading ${files.length} file${files.length === 1 ? "" : "s"} · ${Math.round(stage.percent * 100)} %`;
  } else if (stage.kind === "job") {
    percent = finished ? 100 : UPLOAD_SHARE + Math.round(((jobProgress.percent ?? 0) / 100) * (100 - UPLOAD_SHARE));
    label = finished ? (job.data?.state === "succeeded" ? "Imported" : "Import failed") : (jobProgress.message ?? "Waiting for a worker");
  }

  const add = (list: FileList | null) => {
    if (!list) return;
    if (finished || stage.kind === "error") {
      // A new selection after a finished import starts the next one.
      setStage({ kind: "idle" });
      setFiles(Array.from(list));
      return;
    }
    setFiles((current) => {
      const byName = new Map(current.map((f) => [f.name, f]));
      for (const file of Array.from(list)) byName.set(file.name, file);
      return [...byName.values()];
    });
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    add(event.dataTransfer.files);
  };
  const start = async () => {
    setStage({ kind: "uploading", percent: 0 });
    try {
      const { jobId } = await uploadWithProgress(estateId, files, (fraction) => setStage({ kind: "uploading", percent: fraction }));
      setStage({ kind: "job", jobId });
    } catch (error) {
      setStage({ kind: "error", message: error instanceof Error ? error.message : String(error) });
    }
  };
  const succeeded = finished && job.data?.state === "succeeded";
  useEffect(() => {
    if (succeeded) void queryClient.invalidateQueries({ queryKey: trpc.imports.list.queryKey({ estateId }) });
  }, [succeeded, queryClient, trpc, estateId]);
  const busy = stage.kind === "uploading" || (stage.kind === "job" && !finished);
  const result = job.data?.result as { report?: ImportReport } | null | undefined;

  return (
    <section className="card stack" aria-labelledby="upload-heading">
      <h2 id="upload-heading">New estate version</h2>
      <div
        className={`dropzone${over ? " over" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="dropzone"
      >
        <p style={{ margin: "0 0 8px" }}>
          <strong>Drop export files or a ZIP here</strong>
        </p>
        <label htmlFor="upload-files" className="btn secondary" style={{ display: "inline-flex" }}>
          Choose files…
        </label>
        <input
          id="upload-files"
          ref={input}
          type="file"
          multiple
          className="sr-only"
          accept=".json,.xml,.csv,.xlsx,.zip,.txt"
          onChange={(e) => {
            add(e.target.files);
            e.target.value = "";
          }}
        />
      </div>
      {files.length > 0 ? (
        <div>
          <strong>
            {files.length} file{files.length === 1 ? "" : "s"} · {(files.reduce((n, f) => n + f.size, 0) / 1048576).toFixed(2)} MiB
          </strong>
          <ul className="file-list">
            {files.map((f) => (
              <li key={f.name}>
                <span className="mono">{f.name}</span> <span className="muted">({(f.size / 1024).toFixed(1)} KiB)</span>{" "}
                {!busy && !finished ? (
                  <button type="button" className="btn secondary" style={{ padding: "0 8px" }} onClick={() => setFiles((list) => list.filter((x) => x !== f))} aria-label={`Remove ${f.name}`}>
                    Remove
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="row">
        <button type="button" className="btn" disabled={files.length === 0 || busy || Boolean(finished)} onClick={() => void start()}>
          Upload and import
        </button>
        {finished || stage.kind === "error" ? (
          <button
            type="button"
            className="btn secondary"
            onClick={() => {
              setFiles([]);
              setStage({ kind: "idle" });
            }}
          >
            Start over
          </button>
        ) : null}
      </div>
      {stage.kind !== "idle" && stage.kind !== "error" ? (
        <ProgressBar percent={percent} label="Import progress" text={label} statusTestId="upload-status" />
      ) : null}
      {stage.kind === "error" ? <ErrorAlert error={new Error(stage.message)} /> : null}
      {finished && job.data?.state === "failed" && !result?.report ? <ErrorAlert error={new Error(job.data.error ?? "The import failed")} /> : null}
      {finished && result?.report ? <ImportReportView report={result.report} /> : null}
    </section>
  );
}

function ImportHistory({ estateId }: { estateId: string }) {
  const trpc = useTRPC();
  const imports = useQuery(trpc.imports.list.queryOptions({ estateId }));
  const [open, setOpen] = useState<string | null>(null);
  const report = useQuery({ ...trpc.imports.report.queryOptions({ estateId, importId: open ?? "00000000-0000-4000-8000-000000000000" }), enabled: open !== null });
  return (
    <section className="card stack" style={{ marginTop: 16 }} aria-labelledby="history-heading">
      <h2 id="history-heading">Import history</h2>
      {imports.isPending ? <LoadingBlock /> : null}
      {imports.error ? <ErrorAlert error={imports.error} /> : null}
      {imports.data && imports.data.length === 0 ? <EmptyState title="No import yet">The first upload creates version 1.</EmptyState> : null}
      {imports.data && imports.data.length > 0 ? (
        <table className="data">
          <thead>
            <tr>
              <th>Version</th>
              <th>When</th>
              <th>Files (detected format)</th>
              <th>Rules</th>
              <th>VMs</th>
              <th>
                <span className="sr-only">Report</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {imports.data.map((row) => {
              const counts = row.counts as Record<string, number>;
              return (
                <tr key={row.id}>
                  <td>v{row.version}</td>
                  <td>{new Date(row.createdAt).toLocaleString("de-CH")}</td>
                  <td>
                    {row.files.map((f) => (
                      <div key={f.id}>
                        <span className="mono">{f.name}</span> <Badge tone="info">{f.format}</Badge>
                      </div>
                    ))}
                  </td>
                  <td>{counts.rules?.toLocaleString("en")}</td>
                  <td>{counts.vms?.toLocaleString("en")}</td>
                  <td>
                    <button type="button" className="btn secondary" onClick={() => setOpen(open === row.id ? null : row.id)} aria-expanded={open === row.id}>
                      {open === row.id ? "Hide report" : "Report"}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {open !== null && report.isPending ? <LoadingBlock label="Loading report" /> : null}
      {open !== null && report.data ? <ImportReportView report={report.data.report} /> : null}
    </section>
  );
}
