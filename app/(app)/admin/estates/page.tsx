import { redirect } from "next/navigation";
import { can } from "@/auth/permissions";
import { EstatesAdmin } from "@/features/admin/estates-admin";
import { currentSession } from "@/server/auth/current-session";

export default async function EstatesAdminPage() {
  const session = await currentSession();
  if (!session || !can(session.user.role, "administer")) redirect("/");
  return <EstatesAdmin />;
}
