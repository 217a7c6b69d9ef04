/** The append-only activity log: who did what, when, in which estate (rows cannot be changed: DB trigger). */
import type { PrismaClient } from "../../generated/prisma/client.ts";

export interface ActivityEntry {
  userId?: string | null;
  userEmail?: string | null;
  action: string;
  estateId?: string | null;
  detail?: Record<string, unknown>;
}

export async function recordActivity(prisma: PrismaClient, entry: ActivityEntry): Promise<void> {
  await prisma.activityLog.create({
    data: {
      userId: entry.userId ?? null,
      userEmail: entry.userEmail ?? null,
      action: entry.action,
      estateId: entry.estateId ?? null,
      detail: (entry.detail ?? {}) as object,
    },
  });
}

export async function listActivity(prisma: PrismaClient, estateId: string, limit = 100) {
  const rows = await prisma.activityLog.findMany({ where: { estateId }, orderBy: { id: "desc" }, take: limit });
  return rows.map((row) => ({ ...row, id: row.id.toString() }));
}
