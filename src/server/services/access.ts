/**
 * Estate access rules in one place. Non-members get NOT_FOUND, never FORBIDDEN, so they cannot even tell
 * whether an estate exists. Admins administer every estate. What each role may change is the shared
 * permission table in src/auth/permissions.ts.
 */
import { can, PERMISSION_WORDS, ROLES, type TPermission, type TRole } from "../../auth/permissions.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Role } from "../../generated/prisma/enums.ts";
import { AppError } from "../errors.ts";
import type { SessionUser } from "../auth/session.ts";

export { ROLES };

// The permission table's roles and the database enum must be the same set (a compile error otherwise).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _rolesMatchDatabase: Same<TRole, Role> = true;
void _rolesMatchDatabase;

export async function assertEstateMember(prisma: PrismaClient, user: SessionUser, estateId: string): Promise<void> {
  if (can(user.role, "administer")) {
    const exists = await prisma.estate.count({ where: { id: estateId } });
    if (exists) return;
  } else {
    const membership = await prisma.membership.findUnique({ where: { userId_estateId: { userId: user.id, estateId } } });
    if (membership) return;
  }
  throw new AppError("NOT_FOUND", "Estate not found");
}

export function assertPermission(user: SessionUser, permission: TPermission): void {
  if (!can(user.role, permission)) {
    throw new AppError("FORBIDDEN", `Your role (${user.role}) may not ${PERMISSION_WORDS[permission]}`);
  }
}

/** Archived estates stay readable (their snapshots are evidence) but take no change. */
export async function assertEstateWritable(prisma: PrismaClient, estateId: string): Promise<void> {
  const estate = await prisma.estate.findUnique({ where: { id: estateId }, select: { name: true, archivedAt: true } });
  if (!estate) throw new AppError("NOT_FOUND", "Estate not found");
  if (estate.archivedAt) throw new AppError("FORBIDDEN", `The estate "${estate.name}" is archived and read-only`);
}
