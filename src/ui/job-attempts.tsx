/** A job's retries: "attempt 2 of 3" and why it was retried (its worker stopped responding), or nothing on a first run. */
import { LIVENESS_MAX_ATTEMPTS } from "./job-limits.ts";

export function JobAttempts({ job }: { job: { attempts: number; retryReason: string | null } }) {
  if (job.attempts <= 1 && !job.retryReason) return null;
  return (
    <div className="muted" style={{ fontSize: 12 }} data-testid="job-attempts">
      attempt {Math.max(job.attempts, 1)} of {LIVENESS_MAX_ATTEMPTS}
      {job.retryReason ? ` — retried: ${job.retryReason}` : ""}
    </div>
  );
}
