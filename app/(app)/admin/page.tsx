import { redirect } from "next/navigation";
import { UsersAdmin } from "@/features/admin/users-admin";
import { currentSession } from "@/server/auth/current-session";

export default async function AdminPage() {
  const session = await currentSession();
  if (session?.user.role !== "admin") redirect("/");
  return <UsersAdmin />;
}
