"use client";
/** One job's progress bar, polled until it finishes; `onDone` is called once when it succeeds or fails. */
import { ErrorAlert } from "./components.tsx";
import { useJobStatus, type TJobOutcome } from "./job-status.ts";
import { ProgressBar } from "./progress-bar.tsx";

export function JobProgress({
  estateId,
  jobId,
  label,
  onDone,
}: {
  estateId: string;
  jobId: string;
  label: string;
  onDone?: (state: TJobOutcome) => void;
}) {
  const { job, state, finished, progress } = useJobStatus(estateId, jobId, onDone);
  const percent = finished ? 100 : (progress.percent ?? 0);
  const text =
    state === "failed"
      ? `${label} failed`
      : state === "succeeded"
        ? `${label} finished`
        : (progress.message ?? `${label}: waiting for a worker`);
  return (
    <div className="stack" style={{ gap: 4 }} data-testid="job-progress">
      <ProgressBar percent={percent} label={`${label} progress`} text={text} />
      {state === "failed" && job.data?.error ? <ErrorAlert error={new Error(job.data.error)} /> : null}
    </div>
  );
}
