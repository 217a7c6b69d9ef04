/** Estates as their members see them: only estates the user belongs to (admins: all). */
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors.ts";
import type { SessionUser } from "../auth/session.ts";

export async function listEstatesFor(prisma: PrismaClient, user: SessionUser) {
  const estates = await prisma.estate.findMany({
    where: user.role === "admin" ? {} : { memberships: { some: { userId: user.id } } },
    orderBy: { name: "asc" },
    include: {
      imports: { orderBy: { version: "desc" }, take: 1, select: { id: true, version: true, createdAt: true, counts: true } },
      translations: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true, createdAt: true, summary: true } },
      verifications: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true, createdAt: true, equivalent: true } },
      _count: { select: { snapshots: true, memberships: true } },
    },
  });
  return estates.map((estate) => ({
    id: estate.id,
    slug: estate.slug,
    name: estate.name,
    description: estate.description,
    latestImport: estate.imports[0] ?? null,
    latestTranslation: estate.translations[0] ?? null,
    latestVerification: estate.verifications[0] ?? null,
    snapshotCount: estate._count.snapshots,
    memberCount: estate._count.memberships,
  }));
}

export async function getEstate(prisma: PrismaClient, estateId: string) {
  const estate = await prisma.estate.findUnique({ where: { id: estateId } });
  if (!estate) throw new AppError("NOT_FOUND", "Estate not found");
  return estate;
}

export async function updateEstateDetails(prisma: PrismaClient, estateId: string, input: { name: string; description: string }) {
  return prisma.estate.update({ where: { id: estateId }, data: input });
}

export async function createEstate(prisma: PrismaClient, input: { slug: string; name: string; description?: string; memberIds?: string[] }) {
  const existing = await prisma.estate.findUnique({ where: { slug: input.slug } });
  if (existing) throw new AppError("CONFLICT", `An estate with the slug "${input.slug}" already exists`);
  return prisma.estate.create({
    data: {
      slug: input.slug,
      name: input.name,
      description: input.description ?? "",
      memberships: { create: (input.memberIds ?? []).map((userId) => ({ userId })) },
    },
  });
}
