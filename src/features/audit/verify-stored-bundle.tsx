"use client";
/** Runs `parity snapshot verify`'s checks on the bundle stored for one snapshot. */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../../trpc/client.tsx";
import { ErrorAlert } from "../../ui/components.tsx";
import { VerificationResult } from "./verification-checks.tsx";

export function VerifyStoredBundle({ estateId, snapshotId, sequence }: { estateId: string; snapshotId: string; sequence: number }) {
  const trpc = useTRPC();
  const [run, setRun] = useState(false);
  const verify = useQuery({ ...trpc.snapshots.verify.queryOptions({ estateId, snapshotId }), enabled: run, staleTime: 0 });
  return (
    <section className="stack" style={{ gap: 6 }} aria-labelledby={`verify-${snapshotId}`}>
      <h3 id={`verify-${snapshotId}`}>Verification</h3>
      <div className="row">
        <button
          type="button"
          className="btn secondary"
          onClick={() => (run ? void verify.refetch() : setRun(true))}
          disabled={verify.isFetching}
        >
          {verify.isFetching ? "Verifying…" : `Verify stored bundle #${sequence}`}
        </button>
        <span className="muted">
          The same checks as npx parity snapshot verify, pinned to this installation&apos;s key and to the chain.
        </span>
      </div>
      <div aria-live="polite">
        {verify.error ? <ErrorAlert error={verify.error} /> : null}
        {verify.data ? (
          <VerificationResult
            title={`stored bundle of snapshot #${sequence}`}
            ok={verify.data.ok}
            checks={verify.data.checks}
            merkleRoot={verify.data.merkleRoot}
          />
        ) : null}
      </div>
    </section>
  );
}
