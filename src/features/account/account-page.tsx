"use client";
/** The signed-in person's own account: active sessions (revoke any, or all others) and recent sign-ins. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "../../trpc/client.tsx";
import { Badge, EmptyState, ErrorAlert, LoadingBlock, PageHeader } from "../../ui/components.tsx";
import { TwoFactorCard } from "./two-factor-card.tsx";

const OUTCOME_TONE: Record<string, "ok" | "bad" | "warn" | "neutral"> = {
  success: "ok",
  failure: "bad",
  disabled: "bad",
  throttled: "warn",
  pending: "neutral",
};

const when = (value: Date | string) => new Date(value).toLocaleString();

export function AccountPage() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const sessions = useQuery(trpc.auth.sessions.queryOptions());
  const history = useQuery(trpc.auth.signInHistory.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.auth.sessions.queryKey() });
  const revoke = useMutation(trpc.auth.revokeSession.mutationOptions({ onSuccess: refresh }));
  const revokeOthers = useMutation(trpc.auth.revokeOtherSessions.mutationOptions({ onSuccess: refresh }));
  const others = sessions.data?.filter((s) => !s.current).length ?? 0;
  return (
    <>
      <PageHeader
        title="Account & sessions"
        subtitle="Where you are signed in, and every recent sign-in attempt on your account. Revoke anything you do not recognise."
      />
      <TwoFactorCard />
      <div className="card" style={{ marginBottom: 16 }}>
        <h2>Active sessions</h2>
        {sessions.isPending ? <LoadingBlock /> : null}
        {sessions.error ? <ErrorAlert error={sessions.error} /> : null}
        {revoke.error ? <ErrorAlert error={revoke.error} /> : null}
        {sessions.data ? (
          <>
            <table className="data">
              <thead>
                <tr>
                  <th>Browser</th>
                  <th>Address</th>
                  <th>Signed in</th>
                  <th>Last active</th>
                  <th>Ends</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {sessions.data.map((session) => (
                  <tr key={session.id}>
                    <td>
                      {session.userAgent ?? "unknown"} {session.current ? <Badge tone="info">this browser</Badge> : null}
                    </td>
                    <td className="mono">{session.ip ?? "—"}</td>
                    <td>{when(session.createdAt)}</td>
                    <td>{when(session.lastSeenAt)}</td>
                    <td>
                      {when(new Date(session.idleExpiresAt) < new Date(session.expiresAt) ? session.idleExpiresAt : session.expiresAt)}
                    </td>
                    <td>
                      <button
                        className="btn secondary"
                        style={{ padding: "3px 10px" }}
                        disabled={revoke.isPending}
                        onClick={() =>
                          revoke.mutate(
                            { sessionId: session.id },
                            { onSuccess: () => (session.current ? router.replace("/login") : undefined) },
                          )
                        }
                      >
                        {session.current ? "Sign out" : "Revoke"}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button
              className="btn secondary"
              style={{ marginTop: 12 }}
              disabled={others === 0 || revokeOthers.isPending}
              onClick={() => revokeOthers.mutate()}
            >
              Sign out everywhere else ({others})
            </button>
          </>
        ) : null}
      </div>
      <div className="card">
        <h2>Recent sign-in attempts</h2>
        {history.isPending ? <LoadingBlock /> : null}
        {history.error ? <ErrorAlert error={history.error} /> : null}
        {history.data && history.data.length === 0 ? <EmptyState title="No sign-in attempts recorded" /> : null}
        {history.data && history.data.length > 0 ? (
          <table className="data">
            <thead>
              <tr>
                <th>When</th>
                <th>Outcome</th>
                <th>Address</th>
                <th>Browser</th>
              </tr>
            </thead>
            <tbody>
              {history.data.map((attempt) => (
                <tr key={attempt.id}>
                  <td>{when(attempt.createdAt)}</td>
                  <td>
                    <Badge tone={OUTCOME_TONE[attempt.outcome] ?? "neutral"}>{attempt.outcome}</Badge>
                    {attempt.trustedDevice ? <span className="hint"> known browser</span> : null}
                  </td>
                  <td className="mono">{attempt.ip}</td>
                  <td>{attempt.userAgent ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </>
  );
}
