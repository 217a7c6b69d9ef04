/**
 * The rules explorer and estate summaries, served from the read model (RuleRow + ImportDigest) that is
 * built when an estate version is stored — or, for a version stored before the read model existed, on its
 * first read (idempotent: concurrent builders insert the same rows and skip duplicates).
 */
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { NsxEstate } from "../../policy/nsx/model.ts";
import { AppError } from "../errors.ts";
import { buildRuleReadModel, searchText, type TEstateSummary, type TRuleRow } from "./rule-rows.ts";
import { decodeJson, ZEstateSummary, ZGroupDigests, ZRuleRow, ZStoredEstate } from "./stored-json.ts";

const BATCH = 2000;

/** Builds and stores the read model of one estate version unless it exists. */
export async function ensureRuleReadModel(prisma: PrismaClient, importId: string, estate?: NsxEstate): Promise<void> {
  const existing = await prisma.importDigest.findUnique({ where: { importId }, select: { importId: true } });
  if (existing) return;
  const source =
    estate ??
    decodeJson(
      ZStoredEstate,
      (await prisma.estateImport.findUniqueOrThrow({ where: { id: importId }, select: { estate: true } })).estate,
      "estate version",
    );
  const model = buildRuleReadModel(source);
  for (let start = 0; start < model.rows.length; start += BATCH) {
    await prisma.ruleRow.createMany({
      data: model.rows.slice(start, start + BATCH).map((row) => ({
        importId,
        position: row.position,
        category: row.category,
        action: row.action,
        disabled: row.disabled,
        search: searchText(row),
        row: row as object,
      })),
      skipDuplicates: true,
    });
  }
  // The digest is written last: its presence means every row is there.
  await prisma.importDigest.createMany({
    data: [{ importId, summary: model.summary as object, groups: model.groups as object }],
    skipDuplicates: true,
  });
}

/** The estate version a read refers to: the given one (of this estate) or the latest. */
export async function resolveImportId(prisma: PrismaClient, estateId: string, importId?: string): Promise<string | null> {
  const row = await prisma.estateImport.findFirst({
    where: importId ? { id: importId, estateId } : { estateId },
    orderBy: { version: "desc" },
    select: { id: true },
  });
  if (!row && importId) throw new AppError("NOT_FOUND", "Estate version not found");
  return row?.id ?? null;
}

export interface TRulesFilter {
  categories?: string[];
  actions?: string[];
  search?: string;
  includeDisabled?: boolean;
  /** Exact rule ids (e.g. the ones a Kubernetes object's annotation names). */
  ids?: string[];
}

function whereFor(importId: string, filter: TRulesFilter) {
  const search = filter.search?.trim().toLowerCase();
  return {
    importId,
    ...(filter.categories && filter.categories.length > 0 ? { category: { in: filter.categories } } : {}),
    ...(filter.actions && filter.actions.length > 0 ? { action: { in: filter.actions } } : {}),
    ...(filter.includeDisabled === false ? { disabled: false } : {}),
    ...(filter.ids && filter.ids.length > 0 ? { OR: filter.ids.map((id) => ({ row: { path: ["id"], equals: id } })) } : {}),
    ...(search ? { AND: search.split(/\s+/).map((term) => ({ search: { contains: term } })) } : {}),
  };
}

/** One window of the filtered rule list, in evaluation order, with the filtered total. */
export async function rulesPage(
  prisma: PrismaClient,
  estateId: string,
  input: TRulesFilter & { importId?: string; offset: number; limit: number },
) {
  const importId = await resolveImportId(prisma, estateId, input.importId);
  if (!importId) return { importId: null, total: 0, offset: input.offset, rows: [] as TRuleRow[] };
  await ensureRuleReadModel(prisma, importId);
  const unfiltered =
    !input.search?.trim() && !input.categories?.length && !input.actions?.length && input.includeDisabled !== false && !input.ids?.length;
  if (unfiltered) {
    // Positions are 0..n-1: a window is a primary-key range (no OFFSET scan), the total is the digest's count.
    const [digest, rows] = await Promise.all([
      prisma.importDigest.findUniqueOrThrow({ where: { importId }, select: { summary: true } }),
      prisma.ruleRow.findMany({
        where: { importId, position: { gte: input.offset, lt: input.offset + input.limit } },
        orderBy: { position: "asc" },
        select: { row: true },
      }),
    ]);
    return {
      importId,
      total: decodeJson(ZEstateSummary, digest.summary, "estate summary").rules,
      offset: input.offset,
      rows: rows.map((r) => decodeJson(ZRuleRow, r.row, "rule row")),
    };
  }
  // Filtered: find the window's positions over the narrow columns first, then read only those rows' JSON.
  const where = whereFor(importId, input);
  const [total, positions] = await Promise.all([
    prisma.ruleRow.count({ where }),
    prisma.ruleRow.findMany({ where, orderBy: { position: "asc" }, skip: input.offset, take: input.limit, select: { position: true } }),
  ]);
  const rows =
    positions.length === 0
      ? []
      : await prisma.ruleRow.findMany({
          where: { importId, position: { in: positions.map((p) => p.position) } },
          orderBy: { position: "asc" },
          select: { row: true },
        });
  return { importId, total, offset: input.offset, rows: rows.map((r) => decodeJson(ZRuleRow, r.row, "rule row")) };
}

/** One rule with every group it names resolved (expression in words, members) for the details panel. */
export async function ruleDetail(prisma: PrismaClient, estateId: string, input: { importId: string; position: number }) {
  const importId = await resolveImportId(prisma, estateId, input.importId);
  if (!importId) throw new AppError("NOT_FOUND", "Estate version not found");
  await ensureRuleReadModel(prisma, importId);
  const [row, digest] = await Promise.all([
    prisma.ruleRow.findUnique({ where: { importId_position: { importId, position: input.position } }, select: { row: true } }),
    prisma.importDigest.findUniqueOrThrow({ where: { importId }, select: { groups: true } }),
  ]);
  if (!row) throw new AppError("NOT_FOUND", "Rule not found");
  const rule = decodeJson(ZRuleRow, row.row, "rule row");
  const wanted = new Set([...rule.sources, ...rule.destinations, ...rule.appliedTo].filter((r) => r.kind === "group").map((r) => r.ref));
  const groups = decodeJson(ZGroupDigests, digest.groups, "group digests").filter((g) => wanted.has(g.path));
  return { rule, groups };
}

/** Counts for charts: rules by category and action, applications, default action. */
export async function estateSummary(
  prisma: PrismaClient,
  estateId: string,
  importId?: string,
): Promise<(TEstateSummary & { importId: string }) | null> {
  const id = await resolveImportId(prisma, estateId, importId);
  if (!id) return null;
  await ensureRuleReadModel(prisma, id);
  const digest = await prisma.importDigest.findUniqueOrThrow({ where: { importId: id }, select: { summary: true } });
  return { ...decodeJson(ZEstateSummary, digest.summary, "estate summary"), importId: id };
}
