"use client";
/** Setting up (or removing) the TOTP second factor; also shown alone when the installation requires one. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useTRPC } from "../../trpc/client.tsx";
import { Badge, ErrorAlert, LoadingBlock } from "../../ui/components.tsx";

const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

export function TwoFactorCard({ forced = false }: { forced?: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.auth.twoFactorStatus.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.auth.twoFactorStatus.queryKey() });
  const begin = useMutation(trpc.auth.beginTwoFactor.mutationOptions());
  const confirm = useMutation(
    trpc.auth.confirmTwoFactor.mutationOptions({
      onSuccess: () => {
        begin.reset();
        void refresh();
        if (forced) router.refresh();
      },
    }),
  );
  const disable = useMutation(trpc.auth.disableTwoFactor.mutationOptions({ onSuccess: refresh }));
  const [code, setCode] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (begin.data) confirm.mutate({ code }, { onSuccess: () => setCode("") });
    else disable.mutate({ code }, { onSuccess: () => setCode("") });
  };
  return (
    <div className="card" style={{ marginBottom: 16, maxWidth: forced ? 640 : undefined }}>
      <h2>Two-factor authentication</h2>
      {forced ? (
        <p>This installation requires a second factor for your role. Set it up to continue.</p>
      ) : (
        <p className="muted">A 6-digit code from an authenticator app (TOTP) in addition to your password.</p>
      )}
      {status.isPending ? <LoadingBlock lines={1} /> : null}
      {status.error ? <ErrorAlert error={status.error} /> : null}
      {status.data?.enabled ? (
        <p>
          <Badge tone="ok">on</Badge> since {new Date(status.data.enabledAt!).toLocaleString()}
          {status.data.required ? <span className="hint"> (required for your role)</span> : null}
        </p>
      ) : null}
      {status.data && !status.data.enabled && !begin.data ? (
        <button className="btn" onClick={() => begin.mutate()} disabled={begin.isPending}>
          Set up two-factor authentication
        </button>
      ) : null}
      {begin.data ? (
        <div>
          <p>
            Add this key to your authenticator app (or open <a href={begin.data.uri}>the otpauth link</a> on your phone), then enter the
            code it shows:
          </p>
          <p className="mono" style={{ fontSize: 16, letterSpacing: 1 }}>
            {grouped(begin.data.secret)}
          </p>
        </div>
      ) : null}
      {begin.data || (status.data?.enabled && !status.data.required) ? (
        <form onSubmit={submit} className="row" style={{ gap: 8, alignItems: "flex-end" }}>
          <div className="field" style={{ marginBottom: 0 }}>
            <label htmlFor="totp-code">{begin.data ? "Code" : "Code (to turn it off)"}</label>
            <input id="totp-code" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
          </div>
          <button className={begin.data ? "btn" : "btn secondary"} type="submit" disabled={confirm.isPending || disable.isPending}>
            {begin.data ? "Confirm" : "Turn off"}
          </button>
        </form>
      ) : null}
      {begin.error ? <ErrorAlert error={begin.error} /> : null}
      {confirm.error ? <ErrorAlert error={confirm.error} /> : null}
      {disable.error ? <ErrorAlert error={disable.error} /> : null}
    </div>
  );
}
