"use client";
/** The one-time password of a person just added: shown once, here, for the administrator to hand over. */
export function OneTimePasswordNotice({ email, password, onDismiss }: { email: string; password: string; onDismiss: () => void }) {
  return (
    <div className="alert ok stack" role="status" data-testid="one-time-password" style={{ gap: 6 }}>
      <div>
        <strong>{email}</strong> can now sign in with this one-time password and must then choose their own:
      </div>
      <div className="row">
        <code className="mono" style={{ fontSize: 18, letterSpacing: 1 }} data-testid="one-time-password-value">
          {password}
        </code>
        <button type="button" className="btn secondary" onClick={() => void navigator.clipboard?.writeText(password)}>
          Copy
        </button>
      </div>
      <div>
        Hand it over on a separate channel. It is shown only now: Parity stores it hashed and cannot show it again.{" "}
        <button type="button" className="btn secondary" onClick={onDismiss}>
          Done
        </button>
      </div>
    </div>
  );
}
