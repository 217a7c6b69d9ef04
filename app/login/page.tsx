import { redirect } from "next/navigation";
import { LoginForm } from "@/features/auth/login-form";
import { demoLogins } from "@/server/demo-accounts";
import { currentSession } from "@/server/auth/current-session";
import { TrpcReactProvider } from "@/trpc/client";

export const dynamic = "force-dynamic";

export default async function LoginPage() {
  const session = await currentSession();
  if (session) redirect(session.mustChangePassword ? "/change-password" : "/");
  return (
    <div className="login-page">
      <TrpcReactProvider>
        <LoginForm demoLogins={demoLogins()} />
      </TrpcReactProvider>
    </div>
  );
}
