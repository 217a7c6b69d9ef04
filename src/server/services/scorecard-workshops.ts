/**
 * Vendor workshops (issue #16): per platform a session (date, participants, vendor attendees), the vendor's
 * answer to each seeded or custom question, attachments (PDF or image, typed by magic bytes, size-limited,
 * stored byte for byte with their SHA-256 like uploads) and the criteria each answer informs. Scores and
 * custom values cite answers by id; everything here is append-only (a correction supersedes an answer).
 *
 * Access is checked by the callers (tRPC procedures, route handlers) before any of these functions run.
 */
import { z } from "zod";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { attachmentFileName, detectAttachmentType } from "../../scorecard/attachment-type.ts";
import { WORKSHOP_QUESTIONS } from "../../scorecard/criteria/workshop-questions.ts";
import { SEED_CATALOGUE } from "../../scorecard/criteria/catalogue.ts";
import { ZIsoDate } from "../../scorecard/criteria/types.ts";
import type { TCitedAnswer } from "../../scorecard/decision.ts";
import { PLATFORMS, ZPlatformId, type TPlatformId } from "../../scorecard/platforms.ts";
import type { TAnswerCitation } from "../../scorecard/scorecard.ts";
import type { SessionUser } from "../auth/session.ts";
import { AppError } from "../errors.ts";
import { sha256Hex } from "./imports.ts";

/** Largest attachment; workshop slides and screenshots, not exports. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_ANSWER = 5;

const ZNames = z.array(z.string().trim().min(1).max(200)).max(50);

export const ZWorkshopSessionInput = z.object({
  platform: ZPlatformId,
  date: ZIsoDate,
  title: z.string().trim().min(1).max(200),
  participants: ZNames.min(1, "name at least one participant"),
  vendorAttendees: ZNames,
});
export type TWorkshopSessionInput = z.infer<typeof ZWorkshopSessionInput>;

export const ZWorkshopAnswerInput = z
  .object({
    sessionId: z.uuid(),
    /** A seeded question id, or absent for the architects' own question (then title and text are required). */
    questionId: z.string().max(20).optional(),
    questionTitle: z.string().trim().max(300).optional(),
    question: z.string().trim().max(8000).optional(),
    answer: z.string().trim().min(1).max(20000),
    criterionIds: z.array(z.string().min(1).max(100)).max(40),
    supersedesId: z.uuid().optional(),
  })
  .refine((a) => a.questionId !== undefined || (!!a.questionTitle && !!a.question), {
    message: "a custom question needs a title and its text",
  });
export type TWorkshopAnswerInput = z.infer<typeof ZWorkshopAnswerInput>;

const userLabel = (u: { name: string; email: string } | undefined) => (u ? u.name || u.email : "unknown");

async function userMap(prisma: PrismaClient, ids: (string | null)[]) {
  const known = [...new Set(ids.filter((id): id is string => !!id))];
  const users = await prisma.user.findMany({ where: { id: { in: known } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.id, u]));
}

export async function createWorkshopSession(prisma: PrismaClient, estateId: string, user: SessionUser, input: TWorkshopSessionInput) {
  return prisma.workshopSession.create({
    data: { estateId, ...input, createdBy: user.id },
    select: { id: true },
  });
}

/** Criterion ids known to this estate: the catalogue's plus the custom ones of the latest version. */
async function knownCriterionIds(prisma: PrismaClient, estateId: string): Promise<Set<string>> {
  const latest = await prisma.scorecardVersion.findFirst({ where: { estateId }, orderBy: { version: "desc" }, select: { input: true } });
  const custom = (latest?.input as { customCriteria?: { id: string }[] } | null)?.customCriteria ?? [];
  return new Set([...SEED_CATALOGUE.criteria.map((c) => c.id), ...custom.map((c) => c.id)]);
}

export interface TAttachmentUpload {
  name: string;
  bytes: Uint8Array;
}

/** Checks every attachment before anything is stored: all or nothing. */
function checkAttachments(files: TAttachmentUpload[]) {
  if (files.length > MAX_ATTACHMENTS_PER_ANSWER)
    throw new AppError("BAD_REQUEST", `At most ${MAX_ATTACHMENTS_PER_ANSWER} attachments per answer`);
  return files.map((f) => {
    if (f.bytes.length === 0) throw new AppError("BAD_REQUEST", `${f.name} is empty`);
    if (f.bytes.length > MAX_ATTACHMENT_BYTES)
      throw new AppError("PAYLOAD_TOO_LARGE", `${f.name} exceeds ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB`);
    const type = detectAttachmentType(f.bytes);
    if (!type) throw new AppError("BAD_REQUEST", `${f.name} is not a PDF, PNG, JPEG, GIF or WebP file (judged by its content)`);
    return {
      name: attachmentFileName(f.name, type.extension),
      contentType: type.contentType,
      sha256: sha256Hex(f.bytes),
      size: f.bytes.length,
      bytes: Buffer.from(f.bytes),
    };
  });
}

export async function recordWorkshopAnswer(
  prisma: PrismaClient,
  estateId: string,
  user: SessionUser,
  input: TWorkshopAnswerInput,
  files: TAttachmentUpload[],
) {
  const session = await prisma.workshopSession.findFirst({ where: { id: input.sessionId, estateId }, select: { id: true } });
  if (!session) throw new AppError("NOT_FOUND", "Workshop session not found");
  const seeded = input.questionId ? WORKSHOP_QUESTIONS.find((q) => q.id === input.questionId) : undefined;
  if (input.questionId && !seeded) throw new AppError("BAD_REQUEST", `Unknown workshop question "${input.questionId}"`);
  const known = await knownCriterionIds(prisma, estateId);
  const unknown = input.criterionIds.filter((id) => !known.has(id));
  if (unknown.length) throw new AppError("BAD_REQUEST", `Unknown criteria: ${unknown.join(", ")}`);
  if (input.supersedesId) {
    const earlier = await prisma.workshopAnswer.findFirst({ where: { id: input.supersedesId, sessionId: input.sessionId } });
    if (!earlier) throw new AppError("BAD_REQUEST", "The answer to supersede is not in this session");
  }
  const attachments = checkAttachments(files);
  return prisma.workshopAnswer.create({
    data: {
      sessionId: input.sessionId,
      questionId: seeded?.id ?? null,
      questionTitle: seeded?.title ?? input.questionTitle!,
      question: seeded?.question ?? input.question!,
      answer: input.answer,
      criterionIds: [...new Set(input.criterionIds)],
      supersedesId: input.supersedesId ?? null,
      createdBy: user.id,
      attachments: { create: attachments },
    },
    select: { id: true, attachments: { select: { id: true, name: true, sha256: true, size: true, contentType: true } } },
  });
}

/** Every session of the estate with its answers (superseded ones marked) and attachment metadata. */
export async function listWorkshops(prisma: PrismaClient, estateId: string) {
  const sessions = await prisma.workshopSession.findMany({
    where: { estateId },
    orderBy: [{ date: "desc" }, { createdAt: "desc" }],
    include: {
      answers: {
        orderBy: { createdAt: "asc" },
        include: { attachments: { select: { id: true, name: true, contentType: true, size: true, sha256: true } } },
      },
    },
  });
  const users = await userMap(prisma, [...sessions.map((s) => s.createdBy), ...sessions.flatMap((s) => s.answers.map((a) => a.createdBy))]);
  return {
    questions: WORKSHOP_QUESTIONS.map((q) => ({ id: q.id, title: q.title, question: q.question })),
    sessions: sessions.map((s) => {
      const superseded = new Set(s.answers.flatMap((a) => (a.supersedesId ? [a.supersedesId] : [])));
      return {
        id: s.id,
        platform: s.platform as TPlatformId,
        date: s.date,
        title: s.title,
        participants: s.participants,
        vendorAttendees: s.vendorAttendees,
        createdBy: userLabel(users.get(s.createdBy ?? "")),
        createdAt: s.createdAt,
        answers: s.answers.map((a) => ({
          id: a.id,
          questionId: a.questionId,
          questionTitle: a.questionTitle,
          question: a.question,
          answer: a.answer,
          criterionIds: a.criterionIds,
          supersedesId: a.supersedesId,
          superseded: superseded.has(a.id),
          createdBy: userLabel(users.get(a.createdBy ?? "")),
          createdAt: a.createdAt,
          attachments: a.attachments,
        })),
      };
    }),
  };
}

async function answersOf(prisma: PrismaClient, estateId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return prisma.workshopAnswer.findMany({
    where: { id: { in: ids }, session: { estateId } },
    include: { session: true, attachments: { select: { id: true, name: true, contentType: true, size: true, sha256: true } } },
  });
}

const platformShort = (id: string) => PLATFORMS.find((p) => p.id === id)?.shortName ?? id;

/** How cited answers are named in score sources: "Workshop OVE, 2026-12-03 (title)" / question and recorder. */
export async function answerCitations(prisma: PrismaClient, estateId: string, ids: string[]): Promise<Record<string, TAnswerCitation>> {
  const rows = await answersOf(prisma, estateId, ids);
  const users = await userMap(
    prisma,
    rows.map((r) => r.createdBy),
  );
  return Object.fromEntries(
    rows.map((a) => [
      a.id,
      {
        document: `Workshop ${platformShort(a.session.platform)}, ${a.session.date} (${a.session.title})`,
        section: `${a.questionId ? `${a.questionId} ` : ""}${a.questionTitle}: answer recorded by ${userLabel(users.get(a.createdBy ?? ""))}${a.attachments.length ? `, ${a.attachments.length} attachment(s)` : ""}`,
      },
    ]),
  );
}

/** A score or value may cite only an answer of this estate given in a workshop of the same platform. */
export async function assertAnswersCitable(prisma: PrismaClient, estateId: string, cited: { answerId: string; platform: TPlatformId }[]) {
  const rows = await answersOf(
    prisma,
    estateId,
    cited.map((c) => c.answerId),
  );
  for (const c of cited) {
    const row = rows.find((r) => r.id === c.answerId);
    if (!row) throw new AppError("BAD_REQUEST", `Workshop answer ${c.answerId} not found in this estate`);
    if (row.session.platform !== c.platform)
      throw new AppError(
        "BAD_REQUEST",
        `That answer was given in a ${platformShort(row.session.platform)} workshop, not for ${platformShort(c.platform)}`,
      );
  }
}

/** Full cited answers, frozen into a decision record. */
export async function citedAnswers(prisma: PrismaClient, estateId: string, ids: string[]): Promise<TCitedAnswer[]> {
  const rows = await answersOf(prisma, estateId, ids);
  const users = await userMap(
    prisma,
    rows.map((r) => r.createdBy),
  );
  return rows
    .sort((a, b) => a.session.platform.localeCompare(b.session.platform) || a.createdAt.getTime() - b.createdAt.getTime())
    .map((a) => ({
      id: a.id,
      platform: a.session.platform as TPlatformId,
      session: {
        id: a.session.id,
        date: a.session.date,
        title: a.session.title,
        participants: a.session.participants,
        vendorAttendees: a.session.vendorAttendees,
      },
      questionId: a.questionId,
      questionTitle: a.questionTitle,
      question: a.question,
      answer: a.answer,
      criterionIds: a.criterionIds,
      recordedBy: userLabel(users.get(a.createdBy ?? "")),
      recordedAt: a.createdAt.toISOString(),
      attachments: a.attachments,
    }));
}

/** An attachment's bytes for download (served as a download, never inline, with its detected type). */
export async function workshopAttachment(prisma: PrismaClient, estateId: string, attachmentId: string) {
  if (!z.uuid().safeParse(attachmentId).success) throw new AppError("NOT_FOUND", "Attachment not found");
  const row = await prisma.workshopAttachment.findFirst({
    where: { id: attachmentId, answer: { session: { estateId } } },
    select: { name: true, contentType: true, bytes: true },
  });
  if (!row) throw new AppError("NOT_FOUND", "Attachment not found");
  return { bytes: new Uint8Array(row.bytes), contentType: row.contentType, fileName: row.name };
}
