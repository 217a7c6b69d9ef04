/**
 * One application error type. Services throw AppError with a code; the tRPC boundary maps it to the
 * matching TRPCError, so domain code never imports tRPC.
 */
export type AppErrorCode =
  "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "BAD_REQUEST" | "CONFLICT" | "TOO_MANY_REQUESTS" | "PAYLOAD_TOO_LARGE";

export class AppError extends Error {
  constructor(
    public readonly code: AppErrorCode,
    message: string,
    /** Structured detail safe to show the user, e.g. import errors with file and place. */
    public readonly detail?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}
