"use client";
/** The installation's signing key: fingerprint, key id and the PEM to pin with --pubkey. */
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../trpc/client.tsx";
import { ErrorAlert, LoadingBlock } from "../../ui/components.tsx";

export function PublicKeyCard({ estateId }: { estateId: string }) {
  const trpc = useTRPC();
  const key = useQuery({ ...trpc.snapshots.publicKey.queryOptions({ estateId }), staleTime: Infinity });
  return (
    <section className="card stack" aria-labelledby="key-heading">
      <h2 id="key-heading">Installation signing key</h2>
      {key.isPending ? <LoadingBlock lines={2} label="Loading the public key" /> : null}
      {key.error ? <ErrorAlert error={key.error} /> : null}
      {key.data ? (
        <>
          <dl className="grid cols-2" style={{ margin: 0 }}>
            <div>
              <dt className="stat-label">Fingerprint ({key.data.algorithm})</dt>
              <dd className="mono" style={{ margin: 0 }} data-testid="key-fingerprint">
                {key.data.fingerprint}
              </dd>
            </div>
            <div>
              <dt className="stat-label">Key id (SHA-256 of the SPKI)</dt>
              <dd className="mono" style={{ margin: 0, wordBreak: "break-all" }}>
                {key.data.keyId}
              </dd>
            </div>
          </dl>
          <details>
            <summary>Public key (SPKI PEM) — pin it with --pubkey</summary>
            <pre className="mono" style={{ background: "var(--surface-2)", padding: 10, borderRadius: 6 }}>
              {key.data.publicKeyPem}
            </pre>
            <a
              className="btn secondary"
              download="parity-signing-key.pub"
              href={`data:application/x-pem-file;charset=utf-8,${encodeURIComponent(key.data.publicKeyPem)}`}
            >
              Download public key
            </a>
          </details>
        </>
      ) : null}
    </section>
  );
}
