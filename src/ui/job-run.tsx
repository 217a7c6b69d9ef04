"use client";
/**
 * Starting a job from a page and following it: `useJobRun` wraps the mutation that enqueues the job (any
 * procedure returning `{ jobId }`) and remembers the job; `JobRunPanel` shows the mutation's error and the
 * job's progress card. The page's `onFinished` (usually cache invalidation) runs once per finished job.
 */
import { useMutation, type UseMutationOptions } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorAlert } from "./components.tsx";
import { JobProgress } from "./job-progress.tsx";
import type { TJobOutcome } from "./job-status.ts";

export function useJobRun<TData extends { jobId: string }, TError, TVariables, TContext>(
  options: UseMutationOptions<TData, TError, TVariables, TContext>,
  onFinished?: (state: TJobOutcome) => void,
) {
  const [jobId, setJobId] = useState<string | null>(null);
  const mutation = useMutation({
    ...options,
    onSuccess: (data, ...rest) => {
      setJobId(data.jobId);
      return options.onSuccess?.(data, ...rest);
    },
  });
  return { mutation, jobId, onFinished };
}

export function JobRunPanel({
  estateId,
  label,
  run,
}: {
  estateId: string;
  label: string;
  run: { mutation: { error: unknown }; jobId: string | null; onFinished?: (state: TJobOutcome) => void };
}) {
  return (
    <>
      {run.mutation.error ? <ErrorAlert error={run.mutation.error} /> : null}
      {run.jobId ? (
        <div className="card" style={{ marginBottom: 16 }}>
          <JobProgress key={run.jobId} estateId={estateId} jobId={run.jobId} label={label} onDone={run.onFinished} />
        </div>
      ) : null}
    </>
  );
}
