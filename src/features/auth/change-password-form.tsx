"use client";
/**
 * Choosing a new password: forced after signing in with a one-time password from an administrator (nothing
 * else works until then), and the same form for anyone who wants to change theirs. Other sessions of the
 * user end on success.
 */
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { PASSWORD_MIN_LENGTH, ZNewPassword } from "../../auth/password-policy.ts";
import { useTRPC } from "../../trpc/client.tsx";
import { ErrorAlert } from "../../ui/components.tsx";

export function ChangePasswordForm({ email, forced }: { email: string; forced: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: () => {
        router.replace("/");
        router.refresh();
      },
    }),
  );
  const signOut = useMutation(trpc.auth.signOut.mutationOptions({ onSettled: () => router.replace("/login") }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = ZNewPassword.safeParse(next);
    if (!checked.success) return setProblem(checked.error.issues[0]?.message ?? "Choose another password");
    if (next !== repeat) return setProblem("The two new passwords differ");
    setProblem(null);
    change.mutate({ currentPassword: current, newPassword: next });
  };
  return (
    <form className="card login-card" onSubmit={submit} aria-labelledby="change-password-title" data-testid="change-password">
      <h1 id="change-password-title">Choose your password</h1>
      <p className="muted" style={{ marginTop: 0 }}>
        {forced
          ? `You signed in as ${email} with a one-time password from an administrator. Choose your own password to continue.`
          : `Change the password of ${email}. Your other sessions will be signed out.`}
      </p>
      <input type="email" autoComplete="username" value={email} readOnly hidden />
      <div className="field">
        <label htmlFor="current-password">{forced ? "One-time password" : "Current password"}</label>
        <input
          id="current-password"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          required
        />
      </div>
      <div className="field">
        <label htmlFor="new-password">New password</label>
        <input
          id="new-password"
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          required
          aria-describedby="new-password-hint"
        />
        <div className="hint" id="new-password-hint">
          At least {PASSWORD_MIN_LENGTH} characters; a passphrase of several words is easiest to remember.
        </div>
      </div>
      <div className="field">
        <label htmlFor="repeat-password">Repeat the new password</label>
        <input
          id="repeat-password"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          required
        />
      </div>
      {problem ? <ErrorAlert error={new Error(problem)} /> : null}
      {change.error ? <ErrorAlert error={change.error} /> : null}
      <div className="row" style={{ marginTop: 12 }}>
        <button className="btn" type="submit" disabled={change.isPending}>
          {change.isPending ? "Saving…" : "Save password"}
        </button>
        {forced ? (
          <button className="btn secondary" type="button" onClick={() => signOut.mutate()}>
            Sign out
          </button>
        ) : (
          <Link className="btn secondary" href="/">
            Cancel
          </Link>
        )}
      </div>
    </form>
  );
}
