"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { setCsrfToken, useTRPC } from "../../trpc/client.tsx";
import { ErrorAlert } from "../../ui/components.tsx";

export function LoginForm({ demoLogins }: { demoLogins: { email: string; role: string; password: string }[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: (result) => {
        setCsrfToken(result.csrfToken);
        router.replace(result.mustChangePassword ? "/change-password" : "/");
        router.refresh();
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password, ...(code ? { totp: code } : {}) });
  };
  // The server asks for the second factor only for accounts that have one (after the password was right).
  const wantsCode =
    !!code || (signIn.error as { data?: { detail?: { secondFactor?: string } } } | null)?.data?.detail?.secondFactor === "totp";
  return (
    <form className="card login-card" onSubmit={submit} aria-labelledby="login-title">
      <h1 id="login-title">Parity</h1>
      <p className="muted" style={{ marginTop: 0 }}>
        NSX → OpenShift Virtualization policy migration, proven equivalent.
      </p>
      <div className="field">
        <label htmlFor="email">E-mail</label>
        <input id="email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </div>
      {wantsCode ? (
        <div className="field">
          <label htmlFor="totp">Code from your authenticator app</label>
          <input
            id="totp"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 ]{6,7}"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoFocus
          />
        </div>
      ) : null}
      {signIn.error ? <ErrorAlert error={signIn.error} /> : null}
      <div className="row" style={{ marginTop: 12 }}>
        <button className="btn" type="submit" disabled={signIn.isPending}>
          {signIn.isPending ? "Signing in…" : "Sign in"}
        </button>
      </div>
      {demoLogins.length > 0 ? (
        <div className="demo-logins">
          <strong>Demo accounts</strong>
          <ul>
            {demoLogins.map((login) => (
              <li key={login.email}>
                <button
                  type="button"
                  className="btn secondary"
                  style={{ padding: "1px 8px", fontSize: 12 }}
                  onClick={() => {
                    setEmail(login.email);
                    setPassword(login.password);
                  }}
                >
                  {login.role}
                </button>{" "}
                <code>{login.email}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </form>
  );
}
