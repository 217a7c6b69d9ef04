"use client";
/** Verifies an evidence bundle the user holds (uploaded) against this installation's key and chain. */
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "../../trpc/client.tsx";
import { ErrorAlert } from "../../ui/components.tsx";
import { VerificationResult } from "./verification-checks.tsx";

export function VerifyUploadedBundle({ estateId }: { estateId: string }) {
  const trpc = useTRPC();
  const [file, setFile] = useState<File | null>(null);
  const verify = useMutation(trpc.snapshots.verifyUpload.mutationOptions());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    const form = new FormData();
    form.set("estateId", estateId);
    form.set("bundle", file, file.name);
    verify.mutate(form);
  };
  return (
    <section className="card stack" aria-labelledby="upload-verify-heading">
      <h2 id="upload-verify-heading">Verify a bundle you hold</h2>
      <p className="muted" style={{ margin: 0 }}>
        Upload an evidence bundle ZIP (e.g. the copy in your audit file). Parity checks every hash, the Merkle root, both signatures against
        this installation&apos;s key, the approvals and the chain link, and whether it matches the snapshot stored here.
      </p>
      <form onSubmit={submit} className="row">
        <div>
          <label htmlFor="verify-bundle">Bundle ZIP</label>
          <input id="verify-bundle" type="file" accept=".zip,application/zip" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <button type="submit" className="btn" disabled={!file || verify.isPending}>
          {verify.isPending ? "Verifying…" : "Verify bundle"}
        </button>
      </form>
      <div aria-live="polite">
        {verify.error ? <ErrorAlert error={verify.error} /> : null}
        {verify.data ? (
          <VerificationResult
            title={file?.name ?? "uploaded bundle"}
            ok={verify.data.ok}
            checks={verify.data.checks}
            merkleRoot={verify.data.merkleRoot}
          />
        ) : null}
      </div>
    </section>
  );
}
