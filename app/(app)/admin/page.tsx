import { redirect } from "next/navigation";
import { can } from "@/auth/permissions";
import { UsersAdmin } from "@/features/admin/users-admin";
import { currentSession } from "@/server/auth/current-session";

export default async function AdminPage() {
  const session = await currentSession();
  if (!session || !can(session.user.role, "administer")) redirect("/");
  return <UsersAdmin />;
}
