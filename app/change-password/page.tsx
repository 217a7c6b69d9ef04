import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/features/auth/change-password-form";
import { currentSession } from "@/server/auth/current-session";
import { TrpcReactProvider } from "@/trpc/client";

export const dynamic = "force-dynamic";

export default async function ChangePasswordPage() {
  const session = await currentSession();
  if (!session) redirect("/login");
  return (
    <div className="login-page">
      <TrpcReactProvider initialCsrfToken={session.csrfToken}>
        <ChangePasswordForm email={session.user.email} forced={session.mustChangePassword ?? false} />
      </TrpcReactProvider>
    </div>
  );
}
