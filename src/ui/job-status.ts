"use client";
/**
 * Polls one job (twice a second) until it succeeds or fails, and calls `onDone` once when it does. With a
 * null `jobId` nothing is fetched, so a page can hold the hook before it has started a job.
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTRPC } from "../trpc/client.tsx";

export type TJobOutcome = "succeeded" | "failed";

const NO_JOB = "00000000-0000-4000-8000-000000000000";

export function isFinished(state: string | undefined): state is TJobOutcome {
  return state === "succeeded" || state === "failed";
}

export function useJobStatus(estateId: string, jobId: string | null, onDone?: (state: TJobOutcome) => void) {
  const trpc = useTRPC();
  const job = useQuery({
    ...trpc.jobs.get.queryOptions({ estateId, jobId: jobId ?? NO_JOB }),
    enabled: jobId !== null,
    refetchInterval: (query) => (isFinished(query.state.data?.state) ? false : 500),
    staleTime: 0,
  });
  const state = job.data?.state;
  const notified = useRef<string | null>(null);
  useEffect(() => {
    if (jobId !== null && notified.current !== jobId && isFinished(state)) {
      notified.current = jobId;
      onDone?.(state);
    }
  }, [jobId, state, onDone]);
  const progress = job.data?.progress ?? {};
  return { job, state, finished: isFinished(state), progress };
}
