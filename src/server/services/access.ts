/**
 * Estate access rules in one place. Non-members get NOT_FOUND, never FORBIDDEN, so they cannot even tell
 * whether an estate exists. Admins administer every estate.
 */
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Role } from "../../generated/prisma/enums.ts";
import { AppError } from "../errors.ts";
import type { SessionUser } from "../auth/session.ts";

export const ROLES = ["admin", "security_engineer", "auditor", "architect"] as const satisfies readonly Role[];

/** What each role may change; reading is open to every member. Auditors change nothing. */
export const WRITE_ROLES = {
  estateData: ["admin", "security_engineer"],
  scorecard: ["admin", "architect"],
  approval: ["admin", "security_engineer", "auditor"],
  administration: ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export async function assertEstateMember(prisma: PrismaClient, user: SessionUser, estateId: string): Promise<void> {
  if (user.role === "admin") {
    const exists = await prisma.estate.count({ where: { id: estateId } });
    if (exists) return;
  } else {
    const membership = await prisma.membership.findUnique({ where: { userId_estateId: { userId: user.id, estateId } } });
    if (membership) return;
  }
  throw new AppError("NOT_FOUND", "Estate not found");
}

export function assertRole(user: SessionUser, allowed: readonly Role[], what: string): void {
  if (!allowed.includes(user.role)) {
    throw new AppError("FORBIDDEN", `Your role (${user.role}) may not ${what}`);
  }
}
