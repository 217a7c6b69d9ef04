/**
 * Estates as their members see them (only estates the user belongs to; admins: all; archived ones only on
 * request), and the administration of estates: create, rename, archive.
 */
import { can } from "../../auth/permissions.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors.ts";
import { decodeJson, ZEstateSummary, ZStoredSummary } from "./stored-json.ts";
import type { SessionUser } from "../auth/session.ts";

export async function listEstatesFor(prisma: PrismaClient, user: SessionUser, options: { includeArchived?: boolean } = {}) {
  const estates = await prisma.estate.findMany({
    where: {
      ...(can(user.role, "administer") ? {} : { memberships: { some: { userId: user.id } } }),
      ...(options.includeArchived ? {} : { archivedAt: null }),
    },
    orderBy: { name: "asc" },
    include: {
      imports: {
        orderBy: { version: "desc" },
        take: 1,
        select: { id: true, version: true, createdAt: true, counts: true, digest: { select: { summary: true } } },
      },
      translations: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true, createdAt: true, summary: true } },
      verifications: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true, createdAt: true, equivalent: true } },
      _count: { select: { snapshots: true, memberships: true } },
    },
  });
  return estates.map((estate) => {
    const latestImport = estate.imports[0];
    const digest = latestImport?.digest ? decodeJson(ZEstateSummary, latestImport.digest.summary, "estate summary") : undefined;
    const translationSummary = estate.translations[0]
      ? decodeJson(ZStoredSummary, estate.translations[0].summary, "translation summary")
      : undefined;
    return {
      id: estate.id,
      slug: estate.slug,
      name: estate.name,
      description: estate.description,
      archivedAt: estate.archivedAt,
      latestImport: latestImport
        ? { id: latestImport.id, version: latestImport.version, createdAt: latestImport.createdAt, counts: latestImport.counts }
        : null,
      latestTranslation: estate.translations[0]
        ? {
            id: estate.translations[0].id,
            createdAt: estate.translations[0].createdAt,
            findingsBySeverity: translationSummary?.findingsBySeverity ?? {},
            objectCount: translationSummary?.objectCount ?? null,
            importVersion: translationSummary?.importVersion ?? null,
          }
        : null,
      /** Rules by category and action (null until the version's read model exists). */
      rulesByCategory: digest?.byCategory ?? null,
      applicationCount: digest?.applications?.length ?? null,
      latestVerification: estate.verifications[0] ?? null,
      snapshotCount: estate._count.snapshots,
      memberCount: estate._count.memberships,
    };
  });
}

export async function getEstate(prisma: PrismaClient, estateId: string) {
  const estate = await prisma.estate.findUnique({ where: { id: estateId } });
  if (!estate) throw new AppError("NOT_FOUND", "Estate not found");
  return estate;
}

export async function updateEstateDetails(prisma: PrismaClient, estateId: string, input: { name: string; description: string }) {
  return prisma.estate.update({ where: { id: estateId }, data: input });
}

/** Every estate with its members (admin view), archived ones last. */
export async function adminEstates(prisma: PrismaClient, options: { includeArchived: boolean }) {
  const estates = await prisma.estate.findMany({
    where: options.includeArchived ? {} : { archivedAt: null },
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      createdAt: true,
      archivedAt: true,
      memberships: {
        orderBy: { user: { email: "asc" } },
        select: {
          createdAt: true,
          user: { select: { id: true, email: true, name: true, role: true, disabled: true, mustChangePassword: true } },
        },
      },
    },
  });
  return estates.map(({ memberships, ...estate }) => ({
    ...estate,
    members: memberships.map((m) => ({ ...m.user, memberSince: m.createdAt })),
  }));
}

export async function renameEstate(prisma: PrismaClient, input: { estateId: string; name: string; description?: string }) {
  const estate = await getEstate(prisma, input.estateId);
  if (estate.archivedAt) throw new AppError("FORBIDDEN", `The estate "${estate.name}" is archived and read-only; restore it first`);
  return prisma.estate.update({
    where: { id: input.estateId },
    data: { name: input.name, ...(input.description !== undefined ? { description: input.description } : {}) },
    select: { id: true, name: true, description: true },
  });
}

/** Archives (read-only, hidden from the default list) or restores an estate; nothing is deleted. */
export async function setEstateArchived(prisma: PrismaClient, input: { estateId: string; archived: boolean }) {
  const estate = await getEstate(prisma, input.estateId);
  if (Boolean(estate.archivedAt) === input.archived) return { id: estate.id, archivedAt: estate.archivedAt };
  return prisma.estate.update({
    where: { id: input.estateId },
    data: { archivedAt: input.archived ? new Date() : null },
    select: { id: true, archivedAt: true },
  });
}

export async function createEstate(
  prisma: PrismaClient,
  input: { slug: string; name: string; description?: string; memberIds?: string[] },
) {
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
