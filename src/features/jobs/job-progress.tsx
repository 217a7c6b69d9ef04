"use client";
/** Polls one job until it finishes and renders its progress; calls `onDone` once when it succeeds or fails. */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTRPC } from "../../trpc/client.tsx";
import { ErrorAlert } from "../../ui/components.tsx";
import { JobAttempts } from "./job-attempts.tsx";

export function JobProgress({
  estateId,
  jobId,
  label,
  onDone,
}: {
  estateId: string;
  jobId: string;
  label: string;
  onDone?: (state: "succeeded" | "failed") => void;
}) {
  const trpc = useTRPC();
  const job = useQuery({
    ...trpc.jobs.get.queryOptions({ estateId, jobId }),
    refetchInterval: (query) => (query.state.data && ["succeeded", "failed"].includes(query.state.data.state) ? false : 500),
    staleTime: 0,
  });
  const state = job.data?.state;
  const notified = useRef(false);
  useEffect(() => {
    if (!notified.current && (state === "succeeded" || state === "failed")) {
      notified.current = true;
      onDone?.(state);
    }
  }, [state, onDone]);
  const progress = (job.data?.progress ?? {}) as { percent?: number | null; message?: string };
  const percent = state === "succeeded" || state === "failed" ? 100 : (progress.percent ?? 0);
  const text =
    state === "failed"
      ? `${label} failed`
      : state === "succeeded"
        ? `${label} finished`
        : (progress.message ?? `${label}: waiting for a worker`);
  return (
    <div className="stack" style={{ gap: 4 }} data-testid="job-progress">
      <div
        className="progress"
        role="progressbar"
        aria-label={`${label} progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
      >
        <div style={{ width: `${percent}%` }} />
      </div>
      <div className="muted" aria-live="polite">
        {text}
      </div>
      {job.data ? <JobAttempts job={job.data} /> : null}
      {state === "failed" && job.data?.error ? <ErrorAlert error={new Error(job.data.error)} /> : null}
    </div>
  );
}
