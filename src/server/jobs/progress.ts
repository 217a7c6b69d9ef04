/** What a running job reports; stored on the Job row and streamed to the page. */
export interface TJobProgress {
  phase: string;
  /** 0–100, or null when the total is unknown. */
  percent: number | null;
  message: string;
}

/** Throttles progress writes: the UI polls about twice a second, so more writes would only load the database. */
export function throttledProgress(write: (progress: TJobProgress) => Promise<unknown>, intervalMs = 250) {
  let last = 0;
  let pending: Promise<unknown> = Promise.resolve();
  return (progress: TJobProgress, force = false) => {
    const now = Date.now();
    if (!force && now - last < intervalMs) return;
    last = now;
    pending = pending.then(() => write(progress)).catch(() => {});
  };
}
