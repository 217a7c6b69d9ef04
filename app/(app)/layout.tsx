import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { TwoFactorCard } from "@/features/account/two-factor-card";
import { AppShell } from "@/features/shell/app-shell";
import { currentSession } from "@/server/auth/current-session";

export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const session = await currentSession();
  if (!session) redirect("/login");
  // Signed in with a one-time password: nothing but choosing a new one until then.
  if (session.mustChangePassword) redirect("/change-password");
  return (
    <AppShell user={session.user} csrfToken={session.csrfToken}>
      {/* The server refuses everything else until then; the UI says why instead of showing errors. */}
      {session.mustEnrolSecondFactor ? <TwoFactorCard forced /> : children}
    </AppShell>
  );
}
