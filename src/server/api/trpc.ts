/**
 * tRPC set-up: context, error mapping and the named procedures that state every endpoint's access rule.
 *
 *   publicProcedure        anyone (who-am-I only)
 *   authenticationProcedure anyone, never inside a batch (sign-in: one password check per HTTP request)
 *   authedProcedure        any signed-in user
 *   estateReadProcedure    any member of the estate in `input.estateId` (auditors read everything here)
 *   securityProcedure      security engineers (and admins) who are members: imports, translations, snapshots
 *   architectProcedure     architects (and admins) who are members: scorecards, workshops, decisions
 *   architectUploadProcedure  the same, multipart (a workshop answer with attachments)
 *   approverProcedure      members who may sign off a snapshot: admins, security engineers and auditors (an
 *                          approval is the one write an auditor may make: FINMA expects the second person to be
 *                          independent); architects may not. Never the snapshot's creator (enforced in the service).
 *   estateUploadProcedure  any member, multipart (verifying an uploaded evidence bundle)
 *   adminProcedure         admins: users, estates, memberships
 *
 * The estate-scoped write procedures (security, architect, approver, security upload) also refuse an
 * archived estate. A user signed in with a one-time password may only change it (or sign out).
 *
 * The roles behind each procedure come from the permission table in src/auth/permissions.ts, which the UI
 * reads too. Every mutation is CSRF-checked (header must echo the session's token) and written to the activity log.
 */
import crypto from "node:crypto";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { TPermission } from "../../auth/permissions.ts";
import { AppError } from "../errors.ts";
import type { ActiveSession } from "../auth/session.ts";
import { assertEstateMember, assertEstateWritable, assertPermission } from "../services/access.ts";
import { recordActivity } from "../services/activity.ts";

export interface TrpcContext {
  prisma: PrismaClient;
  session: ActiveSession | null;
  /** Client address for login throttling (resolved under PARITY_TRUSTED_PROXIES, never the raw header). */
  ip: string;
  /** The request carried several calls (tRPC batching); authentication procedures refuse it. */
  batched?: boolean;
  /** The browser's trusted-device cookie (see auth/trusted-device.ts). */
  deviceToken?: string;
  userAgent?: string;
  /** False for a browser request whose CSRF header is missing or wrong; server-side callers are trusted. */
  csrfOk: boolean;
  /** Response headers (Set-Cookie) for the HTTP adapter; absent for server-side callers. */
  resHeaders?: Headers;
  /** Hands a queued job to the workers (pg-boss in the app; tests run it inline). */
  sendJob?: (queue: string, jobId: string) => Promise<void>;
}

/** Same id in the server log and in the client's message, so support can find one in the other. */
const correlationIds = new WeakMap<object, string>();
export function correlationIdOf(error: object): string {
  let id = correlationIds.get(error);
  if (!id) {
    id = crypto.randomUUID();
    correlationIds.set(error, id);
  }
  return id;
}

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error, path }) {
    const cause = error.cause;
    if (error.code === "INTERNAL_SERVER_ERROR" && !(cause instanceof AppError)) {
      // Unexpected failures (a Prisma error, a bug) never reach the client verbatim: they may name tables,
      // columns, values or file paths. The full error goes to the server log under the same id.
      const id = correlationIdOf(error);
      console.error(`[error ${id}] tRPC ${path ?? "?"} failed:`, cause ?? error);
      return {
        ...shape,
        message: `Internal error (reference ${id})`,
        data: { ...shape.data, correlationId: id, zodIssues: undefined, detail: undefined, stack: undefined },
      };
    }
    return {
      ...shape,
      data: {
        ...shape.data,
        // Validation problems and import reports are safe, structured and useful to the user.
        zodIssues: cause instanceof ZodError ? cause.issues : undefined,
        detail: cause instanceof AppError ? cause.detail : undefined,
        stack: undefined,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Maps domain errors to tRPC errors and hides unexpected ones behind a generic message. */
const errorBoundary = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof AppError) {
      throw new TRPCError({ code: cause.code === "PAYLOAD_TOO_LARGE" ? "PAYLOAD_TOO_LARGE" : cause.code, message: cause.message, cause });
    }
  }
  return result;
});

export const publicProcedure = t.procedure.use(errorBoundary);

/** Sign-in and friends: never part of a batch, so one HTTP request checks at most one password. */
export const authenticationProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (ctx.batched) throw new TRPCError({ code: "BAD_REQUEST", message: "Authentication calls cannot be batched" });
  return next();
});

/** What a session that must first enrol a second factor may still call. */
const ENROLMENT_PATHS = new Set([
  "auth.me",
  "auth.signOut",
  "auth.changePassword",
  "auth.twoFactorStatus",
  "auth.beginTwoFactor",
  "auth.confirmTwoFactor",
]);
/** What a user signed in with a one-time password may call before choosing their own password. */
const WHILE_PASSWORD_CHANGE_PENDING = new Set(["auth.changePassword", "auth.signOut"]);

const requireSession = t.middleware(async ({ ctx, next, type, path }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
  if (type === "mutation" && !ctx.csrfOk) throw new TRPCError({ code: "FORBIDDEN", message: "Missing or invalid CSRF token" });
  if (ctx.session.mustChangePassword && !WHILE_PASSWORD_CHANGE_PENDING.has(path)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Choose a new password first" });
  }
  if (ctx.session.mustEnrolSecondFactor && !ENROLMENT_PATHS.has(path)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Set up two-factor authentication first (Account page)" });
  }
  return next({ ctx: { ...ctx, session: ctx.session, user: ctx.session.user } });
});

/** Writes one activity row per successful mutation (reads are not logged). */
const logMutation = t.middleware(async ({ ctx, next, type, path, getRawInput }) => {
  const result = await next();
  if (type === "mutation" && result.ok && ctx.session) {
    const raw = await getRawInput().catch(() => undefined);
    const candidate = raw instanceof FormData ? raw.get("estateId") : (raw as { estateId?: unknown } | undefined)?.estateId;
    const estateId = typeof candidate === "string" ? candidate : undefined;
    await recordActivity(ctx.prisma, {
      userId: ctx.session.user.id,
      userEmail: ctx.session.user.email,
      action: path,
      estateId,
    });
  }
  return result;
});

export const authedProcedure = publicProcedure.use(requireSession).use(logMutation);

export const ZEstateScope = z.object({ estateId: z.string().uuid() });

const requireMembership = t.middleware(async ({ ctx, next, getRawInput }) => {
  const session = ctx.session;
  if (!session) throw new TRPCError({ code: "UNAUTHORIZED" });
  const raw = await getRawInput();
  // Uploads arrive as multipart FormData; everything else as JSON.
  const parsed = ZEstateScope.safeParse(raw instanceof FormData ? { estateId: raw.get("estateId") } : raw);
  if (!parsed.success) throw new TRPCError({ code: "BAD_REQUEST", message: "estateId is required" });
  await assertEstateMember(ctx.prisma, session.user, parsed.data.estateId);
  return next();
});

/** Checks the role against the shared permission table (src/auth/permissions.ts), as the UI does. */
/** Writes to an estate: refused while it is archived (archived estates are read-only evidence). */
const requireWritableEstate = t.middleware(async ({ ctx, next, getRawInput }) => {
  const raw = await getRawInput();
  const parsed = ZEstateScope.safeParse(raw instanceof FormData ? { estateId: raw.get("estateId") } : raw);
  if (!parsed.success) throw new TRPCError({ code: "BAD_REQUEST", message: "estateId is required" });
  await assertEstateWritable(ctx.prisma, parsed.data.estateId);
  return next();
});

function requirePermission(permission: TPermission) {
  return t.middleware(async ({ ctx, next }) => {
    if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED" });
    assertPermission(ctx.session.user, permission);
    return next();
  });
}

export const estateReadProcedure = authedProcedure.input(ZEstateScope).use(requireMembership);
/** Multipart uploads: the same membership and role rules, with `estateId` read from the form. */
export const securityUploadProcedure = authedProcedure
  .use(requirePermission("changeEstateData"))
  .use(requireMembership)
  .use(requireWritableEstate)
  .input(z.instanceof(FormData));
/** Multipart input any member may send, e.g. an evidence bundle to verify (changes nothing but the activity log). */
export const estateUploadProcedure = authedProcedure.use(requireMembership).input(z.instanceof(FormData));
export const securityProcedure = estateReadProcedure.use(requirePermission("changeEstateData")).use(requireWritableEstate);
export const architectProcedure = estateReadProcedure.use(requirePermission("changeScorecard")).use(requireWritableEstate);
/** Multipart scorecard evidence (workshop answers with attachments): architects and admins who are members. */
export const architectUploadProcedure = authedProcedure
  .use(requireMembership)
  .use(requirePermission("changeScorecard"))
  .use(requireWritableEstate)
  .input(z.instanceof(FormData));
export const approverProcedure = estateReadProcedure.use(requirePermission("approveSnapshot")).use(requireWritableEstate);
/** Estate-scoped administration (the estate's approval policy and retention): admins who are members. */
export const estateAdminProcedure = estateReadProcedure.use(requirePermission("administer")).use(requireWritableEstate);
export const adminProcedure = authedProcedure.use(requirePermission("administer"));
